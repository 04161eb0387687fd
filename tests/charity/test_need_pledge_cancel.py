"""A donor cancels a pledge of goods, after a confirmation page (issue 15 §3), as
money pledges are (tests/charity/test_pledge_cancel.py)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from charity.models import NeedPledge
from charity.needs import selectors as need_selectors
from charity.needs import services as need_services
from communities.models import Role
from tests.factories import UserFactory
from tests.support.actors import grant_role
from tests.support.permissions import differing, doc_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(community, manager):
    return need_services.post_need(
        actor=manager,
        community=community,
        item="大米",
        quantity=10,
        unit="袋",
        needed_by=timezone.localdate() + datetime.timedelta(days=14),
    )


@pytest.fixture
def donor():
    return UserFactory(preferred_language="en")


@pytest.fixture
def pending(need, donor):
    return need_services.pledge_to_need(user=donor, need=need, quantity=4)


def _url(pledge):
    need = pledge.need
    return reverse(
        "charity:need-pledge-cancel", args=[need.community.slug, need.pk, pledge.pk]
    )


def test_the_need_page_and_mine_link_the_donor_to_the_confirmation_only(
    client, pending, donor, need, manager
):
    delivered = need_services.pledge_to_need(user=donor, need=need, quantity=1)
    need_services.confirm_delivery(actor=manager, pledge=delivered)
    need_url = reverse("charity:need", args=[need.community.slug, need.pk])
    client.force_login(donor)
    body = client.get(need_url).content.decode()
    assert f'href="{_url(pending)}"' in body
    assert _url(delivered) not in body
    mine = client.get(reverse("communities:mine")).content.decode()
    assert f'href="{_url(pending)}"' in mine
    assert _url(delivered) not in mine
    # Nobody else sees the donor's cancel link.
    client.force_login(UserFactory())
    assert _url(pending) not in client.get(need_url).content.decode()


def test_the_confirmation_cancels_nothing_and_its_form_cancels_with_an_audit_row(
    client, pending, donor, need
):
    client.force_login(donor)
    response = client.get(_url(pending))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Cancel your pledge of goods?</h1>" in body
    assert f'method="post" action="{_url(pending)}"' in body
    pending.refresh_from_db()
    assert pending.status == NeedPledge.Status.PLEDGED

    response = client.post(_url(pending), follow=True)
    assert "Your pledge of goods is cancelled." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == NeedPledge.Status.CANCELLED
    event = AuditEvent.objects.get(action="charity.need_pledge_cancelled")
    assert event.actor == donor
    # The goods count as missing again, and the public list no longer shows it.
    assert need_selectors.need_coverage(need)["missing"] == 10
    client.logout()
    public = client.get(
        reverse("charity:need", args=[need.community.slug, need.pk])
    ).content.decode()
    assert "No pledges yet." in public


def test_the_confirmation_is_in_chinese(zh_client, pending, donor):
    donor.preferred_language = "zh-hans"
    donor.save(update_fields=["preferred_language"])
    zh_client.force_login(donor)
    body = zh_client.get(_url(pending)).content.decode()
    assert "确定取消物资认捐吗？" in body
    assert "是的，取消认捐" in body


def test_goods_delivered_meanwhile_are_refused_in_chinese_and_kept(
    zh_client, pending, donor, manager
):
    donor.preferred_language = "zh-hans"
    donor.save(update_fields=["preferred_language"])
    zh_client.force_login(donor)
    assert zh_client.get(_url(pending)).status_code == 200
    need_services.confirm_delivery(actor=manager, pledge=pending)
    for response in (
        zh_client.post(_url(pending), follow=True),
        zh_client.get(_url(pending), follow=True),
    ):
        assert "只有尚未送达的物资认捐才能取消。" in response.content.decode()
    with pytest.raises(ValidationError):
        need_services.cancel_need_pledge(user=donor, pledge=pending)
    pending.refresh_from_db()
    assert pending.status == NeedPledge.Status.DELIVERED
    assert not AuditEvent.objects.filter(
        action="charity.need_pledge_cancelled"
    ).exists()


def test_someone_else_garbage_ids_and_visitors_cancel_nothing(client, pending):
    client.force_login(UserFactory())
    assert client.get(_url(pending)).status_code == 404
    assert client.post(_url(pending)).status_code == 404
    with pytest.raises(PermissionDenied):
        need_services.cancel_need_pledge(user=UserFactory(), pledge=pending)
    need = pending.need
    slug = need.community.slug
    for need_pk, pledge_pk in ((need.pk, 0), (need.pk, 99999999), (0, pending.pk)):
        url = reverse("charity:need-pledge-cancel", args=[slug, need_pk, pledge_pk])
        assert client.post(url).status_code == 404
    bad = f"/{slug}/charity/needs/{need.pk}/pledges/abc/cancel/"
    assert client.get(bad).status_code == 404
    client.logout()
    assert client.get(_url(pending)).status_code == 302
    assert client.post(_url(pending)).status_code == 302
    pending.refresh_from_db()
    assert pending.status == NeedPledge.Status.PLEDGED


# ---------------------------------------------------------------------------
# The charity-need-pledge-cancel table of docs/permissions.md
# ---------------------------------------------------------------------------
COLUMNS = (
    "cancel_need_pledge (own, pledged)",
    "cancel_need_pledge (own, delivered, cancelled)",
    "cancel_need_pledge (another's, pledged)",
)
Y, N = True, False
TABLE = {
    "visitor": (N, N, N),
    "donor": (Y, N, N),
    "charity manager": (Y, N, N),
    "committee member": (Y, N, N),
    "platform admin": (Y, N, N),
}


def test_each_person_cancels_exactly_what_the_table_gives(need, manager):
    from django.contrib.auth.models import AnonymousUser

    community = need.community
    people = {
        "visitor": AnonymousUser(),
        "donor": UserFactory(),
        "charity manager": manager,
        "committee member": grant_role(Role.COMMITTEE, community=community),
        "platform admin": grant_role(Role.PLATFORM_ADMIN),
    }
    stranger = UserFactory()

    def answer(who, column):
        person = people[who]
        owner = stranger if "another's" in column else person
        donor = owner if owner.is_authenticated else None
        if "delivered" in column:
            statuses = (NeedPledge.Status.DELIVERED, NeedPledge.Status.CANCELLED)
        else:
            statuses = (NeedPledge.Status.PLEDGED,)
        answers = {
            person.has_perm(
                "charity.cancel_need_pledge",
                NeedPledge.objects.create(
                    need=need, donor=donor, quantity=1, status=status
                ),
            )
            for status in statuses
        }
        assert len(answers) == 1
        return answers.pop()

    wrong = differing(TABLE, COLUMNS, answer)
    assert not wrong, "\n".join(wrong)
    assert doc_table("charity-need-pledge-cancel", COLUMNS) == TABLE
