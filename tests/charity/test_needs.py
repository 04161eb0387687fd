"""Needs: a community posts goods it needs, donors pledge, a manager confirms delivery."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from charity.models import Need, NeedPledge
from charity.needs import selectors as need_selectors
from charity.needs import services as need_services
from communities.models import Role
from tests.factories import RoleGrantFactory, UserFactory
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db


def _need(community, actor, **fields):
    data = {
        "item": "大米",
        "quantity": 10,
        "unit": "袋",
        "needed_by": timezone.localdate() + datetime.timedelta(days=14),
        **fields,
    }
    return need_services.post_need(actor=actor, community=community, **data)


def test_a_manager_posts_a_need_and_pledges_cover_it(community, manager, resident):
    need = _need(community, manager)
    need_services.pledge_to_need(user=resident, need=need, quantity=4)
    need_services.pledge_to_need(user=UserFactory(), need=need, quantity=3)
    assert need_selectors.need_coverage(need) == {
        "delivered": 0,
        "pledged": 7,
        "covered": 7,
        "missing": 3,
        "surplus": 0,
    }
    pledge = NeedPledge.objects.filter(quantity=4).get()
    need_services.confirm_delivery(actor=manager, pledge=pledge)
    assert need_selectors.need_coverage(need)["delivered"] == 4
    with pytest.raises(ValidationError):
        need_services.confirm_delivery(actor=manager, pledge=pledge)


def test_pledging_more_than_is_missing_needs_the_donor_to_say_so(
    community, manager, resident
):
    need = _need(community, manager, quantity=5)
    need_services.pledge_to_need(user=resident, need=need, quantity=4)
    with pytest.raises(ValidationError) as error:
        need_services.pledge_to_need(user=resident, need=need, quantity=2)
    assert "Only 1 袋 are still missing" in error.value.message_dict["quantity"][0]
    assert NeedPledge.objects.count() == 1
    need_services.pledge_to_need(user=resident, need=need, quantity=2, beyond_need=True)
    assert need_selectors.need_coverage(need)["surplus"] == 1


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("charity manager", True),
        ("committee member", True),
        ("committee member without TOTP", False),
        ("resident", False),
    ],
)
def test_who_may_post_needs_and_confirm_delivery(community, who, allowed):
    person = UserFactory()
    if who.startswith("committee"):
        RoleGrantFactory(user=person, role=Role.COMMITTEE, community=community)
        if "without" not in who:
            give_totp(person)
    elif who == "charity manager":
        RoleGrantFactory(user=person, role=Role.CHARITY_MANAGER, community=community)
    if allowed:
        assert _need(community, person).pk
    else:
        with pytest.raises(PermissionDenied):
            _need(community, person)
        assert not Need.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"quantity": 0}, "quantity"),
        ({"item": " "}, "item"),
        ({"volunteer_activity": "javascript:alert(1)"}, "volunteer_activity"),
        ({"volunteer_activity": "//evil.example/x"}, "volunteer_activity"),
        ({"needed_by": datetime.date(2000, 1, 1)}, "needed_by"),
    ],
)
def test_bad_needs_are_refused(community, manager, fields, field):
    with pytest.raises(ValidationError) as error:
        _need(community, manager, **fields)
    assert field in error.value.message_dict
    assert not Need.objects.exists()


def test_a_closed_need_takes_no_pledges(community, manager, resident):
    need = _need(community, manager)
    need_services.close_need(actor=manager, need=need)
    need.refresh_from_db()
    assert not resident.has_perm("charity.pledge_need", need)
    with pytest.raises((ValidationError, PermissionDenied)):
        need_services.pledge_to_need(user=resident, need=need, quantity=1)


def test_the_need_page_shows_covered_missing_and_surplus(client, community, manager):
    need = _need(
        community,
        manager,
        quantity=5,
        volunteer_activity="/heping/volunteering/activities/3/",
    )
    need_services.pledge_to_need(user=UserFactory(), need=need, quantity=2)
    path = reverse("charity:need", args=[community.slug, need.pk])
    body = client.get(path).content.decode()
    assert "Covered 2 of 5 袋" in body
    assert "Still missing: 3 袋." in body
    assert 'value="40"' in body
    assert 'href="/heping/volunteering/activities/3/"' in body
    assert "anonymous donor" in body
    need_services.pledge_to_need(
        user=UserFactory(),
        need=need,
        quantity=4,
        beyond_need=True,
        donor_name="王阿姨",
        show_name=True,
    )
    body = client.get(path).content.decode()
    assert "Over-covered by 1 袋" in body
    assert "王阿姨" in body


def test_a_resident_pledges_through_the_form_and_the_manager_confirms(
    client, community, manager, resident
):
    need = _need(community, manager)
    client.force_login(resident)
    path = reverse("charity:need-pledge", args=[community.slug, need.pk])
    assert client.post(path, {"quantity": "3"}).status_code == 302
    pledge = NeedPledge.objects.get()
    client.force_login(manager)
    response = client.post(
        reverse("charity:need-deliver", args=[community.slug, need.pk, pledge.pk])
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == NeedPledge.Status.DELIVERED


def test_a_manager_closes_a_need_and_closing_it_again_is_refused_with_a_message(
    client, community, manager, resident
):
    need = _need(community, manager)
    path = reverse("charity:need-close", args=[community.slug, need.pk])
    client.force_login(resident)
    assert client.post(path).status_code == 403
    client.force_login(manager)
    assert client.get(path).status_code == 405
    response = client.post(path)
    assert response["Location"] == reverse(
        "charity:need", args=[community.slug, need.pk]
    )
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED
    body = client.post(path, follow=True).content.decode()
    assert "This need is closed already." in body


def test_delivering_a_pledge_of_another_need_is_not_found(
    client, community, manager, resident
):
    need, other = _need(community, manager), _need(community, manager, item="油")
    pledge = need_services.pledge_to_need(user=resident, need=other, quantity=1)
    client.force_login(manager)
    path = reverse("charity:need-deliver", args=[community.slug, need.pk, pledge.pk])
    assert client.post(path).status_code == 404
    pledge.refresh_from_db()
    assert pledge.status == NeedPledge.Status.PLEDGED


def test_a_bad_pledge_form_shows_an_error_and_saves_nothing(
    client, community, manager, resident
):
    need = _need(community, manager, quantity=2)
    client.force_login(resident)
    path = reverse("charity:need-pledge", args=[community.slug, need.pk])
    for data in ({"quantity": "0"}, {"quantity": "abc"}, {"quantity": "5"}):
        response = client.post(path, data)
        assert response.status_code == 400
        assert 'class="errorlist' in response.content.decode()
    assert not NeedPledge.objects.exists()


@pytest.mark.parametrize("quantity", [str(2**63), str(2**31)])
def test_a_pledge_too_large_for_the_database_is_a_form_error(
    client, community, manager, resident, quantity
):
    need = _need(community, manager, quantity=2)
    client.force_login(resident)
    path = reverse("charity:need-pledge", args=[community.slug, need.pk])
    response = client.post(path, {"quantity": quantity, "beyond_need": "on"})
    assert response.status_code == 400
    assert "less than or equal to 2147483647" in response.content.decode()
    assert not NeedPledge.objects.exists()


def test_a_manager_posts_a_need_through_the_form(client, community, manager):
    client.force_login(manager)
    path = reverse("charity:need-new", args=[community.slug])
    needed_by = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    bad = client.post(path, {"item": "棉被", "quantity": "-1", "unit": "床"})
    assert bad.status_code == 400
    assert not Need.objects.exists()
    good = client.post(
        path, {"item": "棉被", "quantity": "20", "unit": "床", "needed_by": needed_by}
    )
    assert good.status_code == 302
    assert Need.objects.get().item == "棉被"


def test_a_resident_is_refused_the_need_management_pages(client, community, resident):
    client.force_login(resident)
    assert (
        client.get(reverse("charity:need-new", args=[community.slug])).status_code
        == 403
    )


def test_the_need_list_query_count_does_not_grow(client, community, manager):
    _need(community, manager)
    path = reverse("charity:needs", args=[community.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    small = count()
    for n in range(5):
        need = _need(community, manager, item=f"物资{n}")
        need_services.pledge_to_need(user=UserFactory(), need=need, quantity=2)
    assert count() == small


def test_another_app_posts_a_need_on_behalf_and_the_audit_row_says_so(community):
    from audit.models import AuditEvent

    asker = UserFactory()  # no charity role: the calling app checked its own
    need = need_services.post_need_on_behalf(
        actor=asker,
        community=community,
        on_behalf_of="assistance",
        item="棉被",
        quantity=2,
        unit="床",
        needed_by=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert need.status == Need.Status.OPEN and need.created_by == asker
    event = AuditEvent.objects.get(action="charity.need_posted")
    assert event.data == {"on_behalf_of": "assistance"}
    with pytest.raises(ValidationError):
        need_services.post_need_on_behalf(
            actor=asker, community=community, on_behalf_of="assistance", item="x",
            quantity=1, unit="件", needed_by=datetime.date(2000, 1, 1))  # fmt: skip
    assert Need.objects.count() == 1
