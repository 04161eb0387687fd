"""Follow-up plans: staff add items with an owner among the case's staff (who
is told), bad input saves nothing, items are marked done with a note and show
as overdue when missed; the coordinator's work list and lists show them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.cases.models import CaseEvent, Kind
from assistance.followup import services
from assistance.followup.models import FollowUpItem, FollowUpKind
from communities.models import Role
from notifications.models import Notification
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _post(client, case, **fields):
    data = {
        "follow-kind": fields.get("kind", FollowUpKind.DIBAO),
        "follow-what": fields.get("what", "协助家庭申请低保"),
        "follow-owner": fields.get("owner", ""),
        "follow-due_on": fields.get("due_on", TODAY().isoformat()),
    }
    url = reverse("assistance:follow-up-add", args=[case.tracking_number])
    return client.post(url, data)


@pytest.fixture
def emergency(make_case):
    return make_case("confirmed", kind=Kind.TEMPORARY)


def test_the_officer_plans_an_item_and_its_owner_is_told(
    signed_in, officer, coordinator, emergency
):
    response = _post(signed_in(officer), emergency, owner=str(coordinator.pk))
    assert response.status_code == 302
    item = FollowUpItem.objects.get()
    assert (item.owner, item.created_by, item.what) == (
        coordinator,
        officer,
        "协助家庭申请低保",
    )
    told = Notification.objects.get(kind="assistance.follow_up")
    assert told.recipient == coordinator and emergency.tracking_number in told.title
    assert CaseEvent.objects.filter(action="plan_follow_up").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"owner": "99999999999999999999999"},
            "Choose a coordinator or officer of this case.",
        ),
        ({"owner": "{coordinator}", "due_on": "2026-02-31"}, "Enter a valid date."),
        ({"owner": "{coordinator}", "what": ""}, "Write what is to be done."),
        ({"owner": "{coordinator}", "kind": "nonsense"}, "Select a valid choice."),
        (
            {"owner": "{coordinator}", "due_on": "2001-01-01"},
            "between today and two years",
        ),
        ({"owner": "{stranger}"}, "Choose a coordinator or officer of this case."),
    ],
)
def test_bad_items_get_a_clear_error_and_save_nothing(
    signed_in, officer, coordinator, other_community, emergency, fields, message
):
    far = grant_role(Role.AID_COORDINATOR, community=other_community)
    people = {"coordinator": coordinator.pk, "stranger": far.pk}
    fields = {k: v.format(**people) for k, v in fields.items()}
    events = CaseEvent.objects.count()
    response = _post(signed_in(officer), emergency, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FollowUpItem.objects.exists()
    assert CaseEvent.objects.count() == events


def test_an_item_is_done_once_with_a_note_and_overdue_when_missed(
    signed_in, coordinator, officer, emergency
):
    item = services.add_item(
        case=emergency,
        actor=officer,
        kind=FollowUpKind.VISIT,
        what="志愿者每周探访",
        owner=coordinator,
        due_on=TODAY(),
    )
    FollowUpItem.objects.filter(pk=item.pk).update(
        due_on=TODAY() - datetime.timedelta(days=2)
    )
    item.refresh_from_db()
    assert item.is_overdue
    url = reverse(
        "assistance:follow-up-done", args=[emergency.tracking_number, item.pk]
    )
    client = signed_in(coordinator)
    assert client.post(url, {}).status_code == 400
    item.refresh_from_db()
    assert not item.is_done
    assert client.post(url, {f"done-{item.pk}-note": "已安排志愿者"}).status_code == 302
    item.refresh_from_db()
    assert item.is_done and not item.is_overdue and item.done_by == coordinator
    assert client.post(url, {f"done-{item.pk}-note": "再次完成"}).status_code == 400


def test_the_work_list_and_the_list_page_show_what_is_due(
    signed_in, coordinator, officer, community, emergency
):
    services.add_item(
        case=emergency,
        actor=officer,
        kind=FollowUpKind.CHARITY,
        what="发布慈善需求：轮椅一台",
        owner=coordinator,
        due_on=TODAY(),
    )
    FollowUpItem.objects.update(due_on=TODAY() - datetime.timedelta(days=1))
    client = signed_in(coordinator)
    work = client.get(reverse("assistance:work", args=[community.slug]))
    body = work.content.decode()
    assert "Follow-up items due" in body and emergency.tracking_number in body
    assert "overdue" in body
    listing = client.get(
        reverse("assistance:followups", args=[community.slug]) + "?show=overdue"
    )
    assert emergency.tracking_number in listing.content.decode()
    assert "轮椅" not in listing.content.decode()
    staff_page = client.get(
        reverse("assistance:case", args=[emergency.tracking_number])
    )
    assert "轮椅" in staff_page.content.decode()
