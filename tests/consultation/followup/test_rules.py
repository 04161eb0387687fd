"""Minutes and follow-up rights by state and by who asks (docs/permissions.md)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from consultation.followup import services as followup_services
from consultation.models import FollowUpItem, Minutes
from tests.support.permissions import differing

pytestmark = pytest.mark.django_db

MINUTES_STATES = [s.value for s in Minutes.Status]
# status -> (committee may edit, a participant may confirm, anyone may view)
MINUTES_TABLE = {
    "draft": (True, False, False),
    "circulating": (False, True, False),
    "confirmed": (False, False, True),
}


def test_the_minutes_table_covers_every_status():
    assert set(MINUTES_TABLE) == set(MINUTES_STATES)


@pytest.mark.parametrize(("status", "row"), MINUTES_TABLE.items())
def test_minutes_by_status(held, committee, status, row):
    minutes = held.minutes
    minutes.status = status
    minutes.save()
    participant, voter = held.participants[0], held.voters[0]
    assert committee.has_perm("consultation.edit_minutes", minutes) is row[0]
    assert participant.has_perm("consultation.confirm_minutes", minutes) is row[1]
    # A resident who voted but was not a meeting participant never confirms,
    # and participants never edit.
    assert not voter.has_perm("consultation.confirm_minutes", minutes)
    assert not participant.has_perm("consultation.edit_minutes", minutes)
    # Participants and the committee read the minutes in every state; anyone else
    # (a voter who did not take part, a visitor) only once they are adopted.
    assert participant.has_perm("consultation.view_minutes", minutes)
    assert committee.has_perm("consultation.view_minutes", minutes)
    assert voter.has_perm("consultation.view_minutes", minutes) is row[2]
    assert AnonymousUser().has_perm("consultation.view_minutes", minutes) is row[2]


def test_a_participant_confirms_once(held, committee):
    minutes = held.minutes
    followup_services.circulate_minutes(actor=committee, minutes=minutes)
    first = held.participants[0]
    followup_services.confirm_minutes(user=first, minutes=minutes)
    assert not first.has_perm("consultation.confirm_minutes", minutes)
    assert held.participants[1].has_perm("consultation.confirm_minutes", minutes)


# (item state, who) -> (post progress, close, rate)
ITEM_TABLE = {
    ("open", "committee"): (True, True, False),
    ("open", "owner"): (True, True, False),
    ("open", "voter"): (False, False, False),
    ("closed", "committee"): (False, False, False),
    ("closed", "owner"): (False, False, False),
    ("closed", "voter"): (False, False, True),
    ("closed", "voter who rated"): (False, False, False),
    ("closed", "resident who did not take part"): (False, False, False),
}


ITEM_COLUMNS = ("post_progress", "close_followup", "rate_followup")


def test_item_rights_by_state(resolution, committee, held, residents):
    """Every cell of ITEM_TABLE in one test: one item open, one closed, and one
    closed and rated by the voter (for the row "voter who rated")."""
    from communities.models import Role
    from tests.factories import RoleGrantFactory
    from tests.support.actors import give_totp

    owner = give_totp(
        RoleGrantFactory(role=Role.COMMITTEE, community=resolution.community).user
    )
    voter = held.voters[0]

    def item(state: str, rated: bool = False) -> FollowUpItem:
        made = FollowUpItem.objects.create(
            community=resolution.community,
            resolution=resolution,
            title="安装",
            owner_user=owner,
            due_on=timezone.localdate(),
        )
        if state == "closed":
            followup_services.close_item(
                actor=committee, item=made, final_report="完成"
            )
        if rated:
            followup_services.rate(user=voter, item=made, score=3)
        return made

    items = {"open": item("open"), "closed": item("closed")}
    rated = item("closed", rated=True)
    people = {
        "committee": committee,
        "owner": owner,
        "voter": voter,
        "voter who rated": voter,
        "resident who did not take part": residents[9],
    }
    table = {f"{state}, {who}": row for (state, who), row in ITEM_TABLE.items()}

    def may(case: str, column: str) -> bool:
        state, who = case.split(", ", 1)
        target = rated if who == "voter who rated" else items[state]
        return people[who].has_perm(f"consultation.{column}", target)

    wrong = differing(table, ITEM_COLUMNS, may)
    assert not wrong, "\n".join(wrong)
