"""A donor cancels a pending pledge, after a confirmation page (issue 15 §3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from charity.donations import services
from charity.models import Donation
from communities.models import Role
from tests.charity.factories import DonationFactory
from tests.factories import UserFactory
from tests.support.actors import grant_role
from tests.support.permissions import differing, doc_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def donor():
    return UserFactory(preferred_language="en")


def in_chinese(person):
    person.preferred_language = "zh-hans"
    person.save(update_fields=["preferred_language"])


@pytest.fixture
def pending(public_project, donor):
    return DonationFactory(project=public_project, donor=donor)


def _url(donation):
    return reverse(
        "charity:pledge-cancel", args=[donation.project.community.slug, donation.pk]
    )


def test_my_donations_links_to_the_confirmation_of_a_pending_pledge_only(
    client, pending, donor
):
    confirmed = DonationFactory(
        project=pending.project, donor=donor, status=Donation.Status.CONFIRMED
    )
    client.force_login(donor)
    body = client.get(
        reverse("charity:my-donations", args=[pending.project.community.slug])
    ).content.decode()
    assert f'href="{_url(pending)}"' in body
    assert _url(confirmed) not in body


def test_the_confirmation_cancels_nothing_and_its_form_cancels_with_an_audit_row(
    client, pending, donor
):
    client.force_login(donor)
    response = client.get(_url(pending))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Cancel your pledge?</h1>" in body
    assert f'method="post" action="{_url(pending)}"' in body
    pending.refresh_from_db()
    assert pending.status == Donation.Status.PLEDGED

    response = client.post(_url(pending), follow=True)
    assert "Your pledge is cancelled." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Donation.Status.CANCELLED
    event = AuditEvent.objects.get(action="charity.pledge_cancelled")
    assert event.actor == donor


def test_the_confirmation_is_in_chinese(zh_client, pending, donor):
    in_chinese(donor)
    zh_client.force_login(donor)
    body = zh_client.get(_url(pending)).content.decode()
    assert "确定取消认捐吗？" in body
    assert "是的，取消认捐" in body


def test_a_pledge_confirmed_meanwhile_is_refused_in_chinese_and_kept(
    zh_client, pending, donor, manager
):
    in_chinese(donor)
    zh_client.force_login(donor)
    assert zh_client.get(_url(pending)).status_code == 200
    # The manager confirms it while the donor looks at the confirmation page.
    services.confirm_pledge(actor=manager, donation=pending)
    for response in (
        zh_client.post(_url(pending), follow=True),
        zh_client.get(_url(pending), follow=True),
    ):
        assert "只有待确认的认捐才能取消。" in response.content.decode()
    with pytest.raises(ValidationError):
        services.cancel_pledge(user=donor, donation=pending)
    pending.refresh_from_db()
    assert pending.status == Donation.Status.CONFIRMED
    assert not AuditEvent.objects.filter(action="charity.pledge_cancelled").exists()


def test_someone_else_garbage_ids_and_visitors_cancel_nothing(client, pending):
    client.force_login(UserFactory())
    assert client.get(_url(pending)).status_code == 404
    assert client.post(_url(pending)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.cancel_pledge(user=UserFactory(), donation=pending)
    slug = pending.project.community.slug
    for pk in (0, 99999999):
        url = reverse("charity:pledge-cancel", args=[slug, pk])
        assert client.post(url).status_code == 404
    assert (
        client.get("/" + slug + "/charity/my-donations/abc/cancel/").status_code == 404
    )
    client.logout()
    assert client.get(_url(pending)).status_code == 302
    pending.refresh_from_db()
    assert pending.status == Donation.Status.PLEDGED


# ---------------------------------------------------------------------------
# The charity-pledge-cancel table of docs/permissions.md
# ---------------------------------------------------------------------------
COLUMNS = (
    "cancel_pledge (own, pledged)",
    "cancel_pledge (own, confirmed, lapsed, cancelled)",
    "cancel_pledge (another's, pledged)",
)
Y, N = True, False
TABLE = {
    "visitor": (N, N, N),
    "donor": (Y, N, N),
    "charity manager listed on the organisation": (Y, N, N),
    "committee member": (Y, N, N),
    "platform admin": (Y, N, N),
}


def test_each_person_cancels_exactly_what_the_table_gives(public_project, manager):
    from django.contrib.auth.models import AnonymousUser

    community = public_project.community
    people = {
        "visitor": AnonymousUser(),
        "donor": UserFactory(),
        "charity manager listed on the organisation": manager,
        "committee member": grant_role(Role.COMMITTEE, community=community),
        "platform admin": grant_role(Role.PLATFORM_ADMIN),
    }
    stranger = UserFactory()

    def answer(who, column):
        person = people[who]
        owner = stranger if "another's" in column else person
        donor = owner if owner.is_authenticated else None
        if "confirmed" in column:
            statuses = (
                Donation.Status.CONFIRMED,
                Donation.Status.LAPSED,
                Donation.Status.CANCELLED,
            )
        else:
            statuses = (Donation.Status.PLEDGED,)
        answers = {
            person.has_perm(
                "charity.cancel_pledge",
                DonationFactory(project=public_project, donor=donor, status=status),
            )
            for status in statuses
        }
        assert len(answers) == 1
        return answers.pop()

    wrong = differing(TABLE, COLUMNS, answer)
    assert not wrong, "\n".join(wrong)
    assert doc_table("charity-pledge-cancel", COLUMNS) == TABLE
