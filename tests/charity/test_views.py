import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from charity.donations import services as donation_services
from charity.models import Donation, Expenditure, Follow, Organisation, Project
from charity.reports import services as report_services
from tests.charity.factories import (
    DonationFactory,
    ProjectFactory,
    PublicProjectFactory,
    credit_code,
    today,
)
from tests.support.actors import ACTORS
from tests.uploads.samples import EXE, PDF, image_bytes

pytestmark = pytest.mark.django_db


def url(name, project=None, **kwargs):
    if project is not None:
        return reverse(f"charity:{name}", args=[project.community.slug, project.pk])
    return reverse(f"charity:{name}", kwargs=kwargs)


def signed_in(client, user):
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------
# Public pages
# ---------------------------------------------------------------------------
def test_the_public_list_shows_public_projects_with_progress_and_hides_drafts(
    client, public_project, draft_project, manager
):
    donation_services.record_offline_donation(
        actor=manager, project=public_project, kind="money", amount=Decimal("2500")
    )
    response = client.get(url("projects", slug=public_project.community.slug))
    body = response.content.decode()
    assert response.status_code == 200
    assert public_project.title in body
    assert draft_project.title not in body
    assert 'value="25"' in body  # 2,500 of 10,000 yuan
    assert "Raised 2500.00 of 10000.00 yuan" in body
    assert "csrfmiddlewaretoken" not in body


def test_the_community_navigation_links_to_the_charity_projects(client, community):
    response = client.get(url("projects", slug=community.slug))
    assert f'href="{url("projects", slug=community.slug)}" aria-current="page"' in (
        response.content.decode()
    )


def test_the_project_page_shows_plan_filing_details_and_a_masked_account(
    client, public_project
):
    body = client.get(url("project", public_project)).content.decode()
    assert public_project.filing_number in body
    assert public_project.organisation.qualification_number in body
    assert "************5678" in body
    assert "6222 0200 1234 5678" not in body
    assert public_project.leftover_plan in body
    assert "csrfmiddlewaretoken" not in body and "<script>" not in body


def test_donors_appear_by_name_only_if_they_opted_in(client, public_project, manager):
    for name, show in (("张三", False), ("李四", True)):
        donation_services.record_offline_donation(
            actor=manager,
            project=public_project,
            kind="money",
            amount=Decimal("10"),
            donor_name=name,
            show_name=show,
        )
    body = client.get(url("project", public_project)).content.decode()
    assert "李四" in body
    assert "张三" not in body
    assert "anonymous donor" in body


def test_a_draft_is_not_found_by_the_public_but_its_manager_sees_it(
    client, draft_project, manager
):
    assert client.get(url("project", draft_project)).status_code == 404
    assert signed_in(client, manager).get(
        url("project", draft_project)
    ).status_code == (200)


def test_an_emergency_project_past_its_filing_deadline_shows_overdue(
    client, organisation
):
    project = PublicProjectFactory(
        organisation=organisation,
        filing_number="",
        filed_on=None,
        emergency_reason="洪灾",
        published_on=today() - datetime.timedelta(days=11),
    )
    body = client.get(url("project", project)).content.decode()
    assert "Filing overdue" in body and "洪灾" in body


def test_the_ledger_exports_to_csv_and_reconciles(client, public_project, manager):
    donation_services.record_offline_donation(
        actor=manager, project=public_project, kind="money", amount=Decimal("300.50")
    )
    report_services.record_expenditure(
        actor=manager,
        project=public_project,
        spent_on=today(),
        amount=Decimal("100.25"),
        purpose="文具",
        payee="某某文具有限公司",
        receipt=SimpleUploadedFile("r.pdf", PDF),
    )
    response = client.get(url("ledger-csv", public_project))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Date"
    assert ["", "Total", "", "", "300.50", "100.25"] in rows
    assert ["", "Balance", "", "", "200.25", ""] in rows


def test_query_counts_of_the_list_and_the_project_page_do_not_grow_with_data(
    client, organisation, manager
):
    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    first = PublicProjectFactory(organisation=organisation)

    def entries(times):
        for _n in range(times):
            donation_services.record_offline_donation(
                actor=manager,
                project=first,
                kind="goods",
                item="米",
                quantity=1,
                estimated_value=Decimal("50"),
            )
            DonationFactory(project=first, status=Donation.Status.CONFIRMED)
            report_services.record_expenditure(
                actor=manager,
                project=first,
                spent_on=today(),
                amount=Decimal("1"),
                purpose="x",
                payee="某公司",
                receipt=SimpleUploadedFile("r.pdf", PDF),
            )

    # One entry of each kind first, so every section of the page has rows.
    donation_services.record_offline_donation(
        actor=manager, project=first, kind="money", amount=Decimal("100")
    )
    entries(1)
    list_path = url("projects", slug=organisation.community.slug)
    page_path = url("project", first)
    small_list, small_page = count(list_path), count(page_path)
    for _n in range(5):
        project = PublicProjectFactory(organisation=organisation)
        DonationFactory(project=project, status=Donation.Status.CONFIRMED)
    entries(10)
    assert count(list_path) == small_list
    assert count(page_path) == small_page


# ---------------------------------------------------------------------------
# Residents
# ---------------------------------------------------------------------------
def test_pledging_needs_sign_in(client, public_project):
    response = client.get(url("pledge", public_project))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_resident_pledges_and_sees_it_in_their_donations(
    client, public_project, resident
):
    signed_in(client, resident)
    response = client.post(
        url("pledge", public_project),
        {"amount": "88.80", "donor_name": "小明", "show_name": "on"},
    )
    assert response.status_code == 302
    donation = Donation.objects.get()
    assert (donation.amount, donation.donor, donation.show_name) == (
        Decimal("88.80"),
        resident,
        True,
    )
    body = client.get(response["Location"]).content.decode()
    assert public_project.title in body and "88.80" in body and "pledged" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "-5"}, "greater than or equal to 0.01"),
        ({"amount": "abc"}, "Enter a number."),
        ({"amount": "1.234"}, "no more than 2 decimal places"),
        ({"amount": "10", "show_name": "on"}, "Enter the name to show"),
    ],
)
def test_a_bad_pledge_shows_an_error_and_saves_nothing(
    client, public_project, resident, data, message
):
    response = signed_in(client, resident).post(url("pledge", public_project), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Donation.objects.exists()


def test_a_resident_cannot_pledge_to_a_closed_project(client, organisation, resident):
    closed = PublicProjectFactory(
        organisation=organisation, status=Project.Status.CLOSED
    )
    assert signed_in(client, resident).get(url("pledge", closed)).status_code == 404


def test_a_resident_follows_a_project(client, public_project, resident):
    signed_in(client, resident).post(url("follow", public_project))
    assert Follow.objects.filter(user=resident, project=public_project).exists()
    client.post(url("unfollow", public_project))
    assert not Follow.objects.exists()


def test_my_donations_shows_only_my_own(client, public_project, resident, user_factory):
    DonationFactory(
        project=public_project, donor=user_factory(), amount=Decimal("7.77")
    )
    mine = DonationFactory(
        project=public_project, donor=resident, amount=Decimal("3.33")
    )
    body = (
        signed_in(client, resident)
        .get(url("my-donations", slug=public_project.community.slug))
        .content.decode()
    )
    assert str(mine.amount) in body and "7.77" not in body


# ---------------------------------------------------------------------------
# Managers
# ---------------------------------------------------------------------------
def test_a_resident_is_refused_the_management_pages(client, public_project, resident):
    signed_in(client, resident)
    assert client.get(
        url("manage", slug=public_project.community.slug)
    ).status_code == (403)
    assert client.get(url("manage-project", public_project)).status_code == 403


def organisation_data(**overrides):
    return {
        "name": "阳光公益",
        "kind": "charity",
        "credit_code": credit_code(777),
        "contact_person": "赵六",
        "qualification_number": "",
    } | overrides


def test_a_manager_adds_an_organisation_through_the_form(client, community, manager):
    response = signed_in(client, manager).post(
        url("organisation-new", slug=community.slug),
        organisation_data(managers=[manager.pk]),
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="阳光公益")
    assert list(organisation.managers.all()) == [manager]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"credit_code": "91350100M000100Y44"}, "check character is wrong"),
        ({"credit_code": "12345"}, "has 18 characters"),
        ({"contact_person": ""}, "This field is required."),
        (
            {
                "qualification_valid_from": "2025-02-01",
                "qualification_valid_to": "2025-01-01",
            },
            "The end must not be before the start.",
        ),
    ],
)
def test_a_bad_organisation_form_shows_an_error_and_saves_nothing(
    client, community, manager, overrides, message
):
    response = signed_in(client, manager).post(
        url("organisation-new", slug=community.slug), organisation_data(**overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def project_data(**overrides):
    return {
        "title": "敬老午餐",
        "purpose": "为高龄老人提供午餐",
        "beneficiaries": "80岁以上老人",
        "area": "幸福社区",
        "paired_region": "某省某县",
        "starts_on": today().isoformat(),
        "ends_on": (today() + datetime.timedelta(days=60)).isoformat(),
        "goal_amount": "5000.00",
        "responsible_person": "王五",
        "receiving_account": "6222020012345678",
        "use_plan": "采购食材",
        "leftover_plan": "转入敬老基金",
        "is_public_fundraising": "on",
    } | overrides


def test_a_manager_creates_a_draft_then_cannot_publish_it_without_a_filing_number(
    client, organisation, manager
):
    signed_in(client, manager)
    response = client.post(
        reverse(
            "charity:project-new", args=[organisation.community.slug, organisation.pk]
        ),
        project_data(),
    )
    project = Project.objects.get(title="敬老午餐")
    assert response["Location"] == url("manage-project", project)
    assert project.paired_region == "某省某县"
    response = client.post(url("project-publish", project))
    assert response.status_code == 400
    assert "Enter the filing number" in response.content.decode()
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT
    filed = (today() - datetime.timedelta(days=10)).isoformat()
    client.post(
        url("project-filing", project),
        {"filing_number": "BA-2024-9", "filed_on": filed},
    )
    client.post(url("project-publish", project))
    project.refresh_from_db()
    assert project.status == Project.Status.PUBLIC
    assert "BA-2024-9" in client.get(url("project", project)).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"goal_amount": "0"}, "greater than or equal to 0.01"),
        ({"goal_amount": "1e40"}, "no more than 14 digits"),
        (
            {"ends_on": (today() - datetime.timedelta(days=1)).isoformat()},
            "The end must not be before the start.",
        ),
        ({"title": ""}, "This field is required."),
    ],
)
def test_a_bad_project_form_shows_an_error_and_saves_nothing(
    client, organisation, manager, overrides, message
):
    response = signed_in(client, manager).post(
        reverse(
            "charity:project-new", args=[organisation.community.slug, organisation.pk]
        ),
        project_data(**overrides),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Project.objects.exists()


def test_a_bad_edit_of_a_project_saves_nothing(client, draft_project, manager):
    response = signed_in(client, manager).post(
        url("project-edit", draft_project),
        project_data(title="", goal_amount="-1"),
    )
    assert response.status_code == 400
    draft_project.refresh_from_db()
    assert draft_project.title.startswith("助学项目")


def test_a_bad_filing_form_shows_an_error_and_saves_nothing(
    client, draft_project, manager
):
    future = (today() + datetime.timedelta(days=1)).isoformat()
    response = signed_in(client, manager).post(
        url("project-filing", draft_project),
        {"filing_number": "X-1", "filed_on": future},
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    draft_project.refresh_from_db()
    assert draft_project.filing_number != "X-1"


def test_a_manager_confirms_a_pledge_on_the_project_page(
    client, public_project, manager, resident
):
    pledge = donation_services.pledge(
        user=resident, project=public_project, amount=Decimal("20")
    )
    signed_in(client, manager).post(
        reverse(
            "charity:pledge-confirm",
            args=[public_project.community.slug, public_project.pk, pledge.pk],
        )
    )
    pledge.refresh_from_db()
    assert pledge.status == Donation.Status.CONFIRMED and pledge.receipt_number


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "money"}, "Enter the amount of money received."),
        (
            {"kind": "goods", "quantity": "2", "estimated_value": "5"},
            "Name the donated item.",
        ),
        (
            {"kind": "goods", "item": "米", "quantity": "0", "estimated_value": "5"},
            "greater than or equal to 1",
        ),
        ({"kind": "stocks", "amount": "5"}, "Select a valid choice."),
    ],
)
def test_a_bad_offline_donation_shows_an_error_and_saves_nothing(
    client, public_project, manager, data, message
):
    response = signed_in(client, manager).post(
        url("project-offline", public_project), data
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Donation.objects.exists()


def expenditure_data(**overrides):
    return {
        "spent_on": today().isoformat(),
        "amount": "40.00",
        "purpose": "购买大米",
        "payee": "某某粮油有限公司",
        "receipt": SimpleUploadedFile("receipt.png", image_bytes()),
    } | overrides


def test_a_manager_records_spending_with_a_receipt_and_the_ledger_reconciles(
    client, public_project, manager
):
    donation_services.record_offline_donation(
        actor=manager, project=public_project, kind="money", amount=Decimal("100")
    )
    response = signed_in(client, manager).post(
        url("project-spend", public_project), expenditure_data()
    )
    assert response.status_code == 302
    body = client.get(url("project", public_project)).content.decode()
    assert "某某粮油有限公司" in body
    assert "<td>100.00</td>" in body and "<td>40.00</td>" in body
    assert "<td>60.00</td>" in body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"receipt": SimpleUploadedFile("receipt.pdf", EXE)}, "program"),
        ({"amount": "100.01"}, "more than the balance"),
        ({"payee": ""}, "This field is required."),
        ({"amount": "-1"}, "greater than or equal to 0.01"),
    ],
)
def test_a_bad_expenditure_shows_an_error_and_saves_nothing(
    client, public_project, manager, overrides, message
):
    donation_services.record_offline_donation(
        actor=manager, project=public_project, kind="money", amount=Decimal("100")
    )
    response = signed_in(client, manager).post(
        url("project-spend", public_project), expenditure_data(**overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Expenditure.objects.exists()


def test_a_reason_for_spending_beyond_the_balance_is_shown_publicly(
    client, public_project, manager
):
    signed_in(client, manager).post(
        url("project-spend", public_project),
        expenditure_data(over_balance_reason="先行垫付"),
    )
    client.logout()
    assert "先行垫付" in client.get(url("project", public_project)).content.decode()


def test_another_communitys_project_is_not_found_under_this_community(
    client, public_project, community_factory
):
    other = community_factory()
    assert (
        client.get(
            reverse("charity:project", args=[other.slug, public_project.pk])
        ).status_code
        == 404
    )


def test_project_factory_defaults_are_a_draft():
    assert ProjectFactory.build().status == Project.Status.DRAFT


def test_the_management_pages_render_for_a_manager(
    client, organisation, public_project, draft_project, manager, resident
):
    donation_services.pledge(user=resident, project=public_project, amount=Decimal("9"))
    signed_in(client, manager)
    home = client.get(url("manage", slug=organisation.community.slug))
    assert home.status_code == 200
    body = home.content.decode()
    assert organisation.name in body and manager.display_name in body
    assert draft_project.title in body and public_project.title in body
    page = client.get(url("manage-project", public_project)).content.decode()
    assert "Confirm 9.00 arrived" in page and 'enctype="multipart/form-data"' in page
    draft_page = client.get(url("manage-project", draft_project)).content.decode()
    assert "Publish" in draft_page
    edit = client.get(
        reverse(
            "charity:organisation-edit",
            args=[organisation.community.slug, organisation.pk],
        )
    )
    assert edit.status_code == 200 and organisation.credit_code in edit.content.decode()


def test_a_manager_changes_an_organisation_and_its_qualification(
    client, organisation, manager
):
    response = signed_in(client, manager).post(
        reverse(
            "charity:organisation-edit",
            args=[organisation.community.slug, organisation.pk],
        ),
        organisation_data(
            credit_code=organisation.credit_code,
            qualification_number="公募-2",
            qualification_valid_from="2020-01-01",
            qualification_valid_to="2020-12-31",
            managers=[manager.pk],
        ),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.qualification_number == "公募-2"
    assert not organisation.has_valid_qualification()


def test_the_management_link_shows_only_to_charity_managers(
    client, community, manager, resident
):
    manage_url = url("manage", slug=community.slug)
    assert (
        manage_url
        not in client.get(url("projects", slug=community.slug)).content.decode()
    )
    signed_in(client, resident)
    assert (
        manage_url
        not in client.get(url("projects", slug=community.slug)).content.decode()
    )
    signed_in(client, manager)
    assert manage_url in client.get("/desk/").content.decode()  # the work desk


def test_a_superuser_still_cannot_pledge_to_a_draft(draft_project, user_factory):
    admin = ACTORS["superuser"](draft_project.community)
    with pytest.raises(ValidationError):
        donation_services.pledge(user=admin, project=draft_project, amount=Decimal("1"))
    assert not Donation.objects.exists()


def test_a_receipt_is_downloaded_as_an_attachment(client, public_project, manager):
    expenditure = report_services.record_expenditure(
        actor=manager,
        project=public_project,
        spent_on=today(),
        amount=Decimal("1"),
        purpose="x",
        payee="某公司",
        receipt=SimpleUploadedFile("invoice.pdf", PDF),
        over_balance_reason="垫付",
    )
    body = client.get(url("project", public_project)).content.decode()
    download = reverse(
        "charity:receipt",
        args=[public_project.community.slug, public_project.pk, expenditure.pk],
    )
    assert download in body
    response = client.get(download)
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF


def test_a_payee_with_a_phone_number_is_refused(client, public_project, manager):
    response = signed_in(client, manager).post(
        url("project-spend", public_project),
        expenditure_data(payee="张三 13800138000", over_balance_reason="垫付"),
    )
    assert response.status_code == 400
    assert "a private person&#x27;s details are never published" in (
        response.content.decode()
    )
    assert not Expenditure.objects.exists()


def test_confirming_a_donation_that_is_not_a_number_is_not_found(
    client, public_project, manager
):
    path = url("manage-project", public_project) + "pledges/x/confirm/"
    assert signed_in(client, manager).post(path).status_code == 404


def test_confirming_a_donation_of_another_project_is_not_found(
    client, public_project, organisation, manager, resident
):
    other = PublicProjectFactory(organisation=organisation)
    pledge = donation_services.pledge(user=resident, project=other, amount=Decimal("5"))
    path = reverse(
        "charity:pledge-confirm",
        args=[public_project.community.slug, public_project.pk, pledge.pk],
    )
    assert signed_in(client, manager).post(path).status_code == 404
    pledge.refresh_from_db()
    assert pledge.status == Donation.Status.PLEDGED


def test_the_management_page_takes_no_posts_and_its_actions_take_no_gets(
    client, public_project, manager
):
    signed_in(client, manager)
    assert client.post(url("manage-project", public_project)).status_code == 405
    assert client.get(url("project-publish", public_project)).status_code == 405


def test_a_refused_action_is_shown_above_the_forms(client, public_project, manager):
    response = signed_in(client, manager).post(url("project-publish", public_project))
    assert response.status_code == 400
    assert "Only a draft project can go public." in response.content.decode()
    public_project.refresh_from_db()
    assert public_project.status == Project.Status.PUBLIC


def test_a_resident_is_refused_every_project_action(client, public_project, resident):
    signed_in(client, resident)
    for name in ("project-edit", "project-publish", "project-close", "project-spend"):
        assert client.post(url(name, public_project)).status_code == 403
