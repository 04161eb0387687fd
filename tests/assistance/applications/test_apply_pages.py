"""Applying online: the draft, the one-page form, submission, bad input."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assistance.cases.models import (
    Attachment,
    Case,
    CaseEvent,
    HouseholdMember,
    IncomeItem,
    State,
)
from tests.assistance.applications.conftest import page_data, pdf, with_documents
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _rows(case):
    return (
        HouseholdMember.objects.filter(case=case).count(),
        IncomeItem.objects.filter(case=case).count(),
        Attachment.objects.filter(case=case).count(),
    )


def test_resident_starts_a_draft_with_the_household_prefilled(
    client, resident, community
):
    client.force_login(resident)
    response = client.post(
        reverse("assistance:apply", args=[community.slug]), {"kind": "dibao"}
    )
    case = Case.objects.get()
    assert response.url == reverse(
        "assistance:application-edit", args=[case.tracking_number]
    )
    assert case.state == State.DRAFT and case.household and case.applicant == resident
    page = client.get(response.url)
    assert page.status_code == 200
    members = page.context["members"]
    assert [f.initial["name"] for f in members.forms[:2]] == ["张三明", "李四"]
    assert members.forms[0].initial["relationship"] == "self"


def test_temporary_needs_a_cause(client, resident, community):
    client.force_login(resident)
    response = client.post(
        reverse("assistance:apply", args=[community.slug]), {"kind": "temporary"}
    )
    assert response.status_code == 400
    assert "Choose the cause" in response.content.decode()
    assert not Case.objects.exists()


def test_unverified_person_cannot_apply(client, community):
    client.force_login(UserFactory())
    response = client.post(
        reverse("assistance:apply", args=[community.slug]), {"kind": "dibao"}
    )
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_draft_saves_incomplete_and_replaces_rows(client, draft):
    client.force_login(draft.applicant)
    url = reverse("assistance:application-edit", args=[draft.tracking_number])
    data = page_data(reason="", commitment_accepted=None, commitment_name="")
    assert client.post(url, data).status_code == 302
    assert _rows(draft) == (2, 1, 0)
    data = page_data(
        **{
            "members-1-name": "",
            "members-1-relationship": "",
            "members-1-birth_year": "",
        }
    )
    assert client.post(url, data).status_code == 302
    assert _rows(draft) == (1, 1, 0)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and draft.submitted_at is None


def test_more_rows_saves_and_shows_blank_rows(client, draft):
    client.force_login(draft.applicant)
    url = reverse("assistance:application-edit", args=[draft.tracking_number])
    response = client.post(url, {**page_data(), "more": "incomes"})
    assert response.status_code == 302 and "more=incomes" in response.url
    page = client.get(response.url)
    assert len(page.context["incomes"].forms) == 1 + 3 + 3


def test_submit_gives_tracking_number_and_digest(client, draft, mailoutbox):
    client.force_login(draft.applicant)
    url = reverse("assistance:application-submit", args=[draft.tracking_number])
    response = client.post(url, with_documents(page_data()))
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED and draft.submitted_at
    assert draft.phone_digest and draft.commitment_signed_at
    assert CaseEvent.objects.filter(case=draft, action="submit").exists()
    follow = client.get(response.url)
    assert draft.tracking_number in follow.content.decode()


@pytest.mark.parametrize(
    ("overrides", "files", "message"),
    [
        ({"members-0-relationship": "spouse"}, True, "Exactly one member"),
        (
            {"members-1-relationship": "self"},
            True,
            "Only one member can be the applicant",
        ),
        ({"incomes-0-monthly_amount": "-5"}, True, "cannot be negative"),
        ({"incomes-0-monthly_amount": "99999999999"}, True, "too large"),
        ({"incomes-0-monthly_amount": "abc"}, True, "Enter a number"),
        ({"incomes-0-member": "7"}, True, "not one of the available choices"),
        ({"members-0-birth_year": "2999"}, True, "cannot be in the future"),
        ({"commitment_accepted": None}, True, "Sign the commitment"),
        ({"commitment_name": "王五"}, True, "signed with the applicant"),
        (
            {"kind": "temporary", "temporary_cause": "expense"},
            True,
            "needs the large expenses",
        ),
        ({"applicant_phone": "call me"}, True, "phone number"),
        ({"bank_account": "12ab"}, True, "bank account"),
        ({"relative_registered": "on"}, True, "whose relative"),
        ({}, False, "Attach: ID card"),
        ({"members-TOTAL_FORMS": "x"}, True, "ManagementForm"),
        (
            {
                "members-0-name": "",
                "members-0-relationship": "",
                "members-0-birth_year": "",
                "members-1-name": "",
                "members-1-relationship": "",
                "members-1-birth_year": "",
                "incomes-0-member": "",
            },
            True,
            "List the members",
        ),
    ],
)
def test_bad_submission_saves_nothing(client, draft, overrides, files, message):
    client.force_login(draft.applicant)
    before = _rows(draft)
    url = reverse("assistance:application-submit", args=[draft.tracking_number])
    data = page_data(**overrides)
    response = client.post(url, with_documents(data) if files else data)
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert _rows(draft) == before
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and not draft.phone_digest


def test_forged_file_is_refused(client, draft):
    client.force_login(draft.applicant)
    url = reverse("assistance:application-submit", args=[draft.tracking_number])
    forged = SimpleUploadedFile(
        "id.pdf", b"MZ\x90\x00" + b"\x00" * 60, content_type="application/pdf"
    )
    data = {**with_documents(page_data()), "id_card": forged}
    response = client.post(url, data)
    assert response.status_code == 400
    assert _rows(draft) == (0, 0, 0)


def test_oversized_file_is_refused(client, draft, settings):
    client.force_login(draft.applicant)
    url = reverse("assistance:application-submit", args=[draft.tracking_number])
    big = SimpleUploadedFile("id.pdf", b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024))
    response = client.post(url, {**with_documents(page_data()), "id_card": big})
    assert response.status_code == 400
    assert (
        "At most" in response.content.decode()
        or "too large" in response.content.decode()
    )
    assert _rows(draft) == (0, 0, 0)


def test_new_upload_replaces_the_document_of_its_kind(client, draft):
    client.force_login(draft.applicant)
    url = reverse("assistance:application-edit", args=[draft.tracking_number])
    client.post(url, {**page_data(), "id_card": pdf("a.pdf"), "proof": pdf("p.pdf")})
    client.post(url, {**page_data(), "id_card": pdf("b.pdf"), "proof": pdf("q.pdf")})
    kinds = sorted(draft.attachments.values_list("kind", "original_name"))
    assert kinds == [("id_card", "b.pdf"), ("proof", "p.pdf"), ("proof", "q.pdf")]


def test_another_person_cannot_edit_the_draft(client, draft, community):
    client.force_login(UserFactory())
    url = reverse("assistance:application-edit", args=[draft.tracking_number])
    assert client.get(url).status_code == 404
    assert client.post(url, page_data()).status_code == 404
    assert _rows(draft) == (0, 0, 0)


def test_submitted_case_cannot_be_edited(client, draft):
    client.force_login(draft.applicant)
    client.post(
        reverse("assistance:application-submit", args=[draft.tracking_number]),
        with_documents(page_data()),
    )
    url = reverse("assistance:application-edit", args=[draft.tracking_number])
    assert client.get(url).status_code == 403


def _stored(storage, path="assistance"):
    if not storage.exists(path):
        return []
    folders, files = storage.listdir(path)
    found = [f"{path}/{name}" for name in files]
    for folder in folders:
        found += _stored(storage, f"{path}/{folder}")
    return sorted(found)


def test_failed_submission_keeps_the_earlier_document_and_stores_nothing(client, draft):
    client.force_login(draft.applicant)
    edit = reverse("assistance:application-edit", args=[draft.tracking_number])
    client.post(edit, {**page_data(), "id_card": pdf("a.pdf")})
    earlier = draft.attachments.get()
    storage = Attachment._meta.get_field("file").storage
    files_before = _stored(storage)
    no_members = {
        "members-0-name": "",
        "members-0-relationship": "",
        "members-0-birth_year": "",
        "members-1-birth_year": "",
        "members-1-name": "",
        "members-1-relationship": "",
        "incomes-0-member": "",
    }
    submit = reverse("assistance:application-submit", args=[draft.tracking_number])
    response = client.post(submit, with_documents(page_data(**no_members)))
    assert (
        response.status_code == 400 and "List the members" in response.content.decode()
    )
    assert list(draft.attachments.all()) == [earlier]
    assert storage.exists(earlier.file.name)
    assert _stored(storage) == files_before
    assert earlier.file.name in files_before


def test_start_page_lists_the_residents_drafts(client, draft, community):
    client.force_login(draft.applicant)
    body = client.get(
        reverse("assistance:apply", args=[community.slug])
    ).content.decode()
    assert draft.tracking_number in body
