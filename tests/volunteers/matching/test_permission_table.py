"""Every cell of the "Volunteers: matching and calendar" table in docs/permissions.md."""

from __future__ import annotations

import pytest

from tests.factories import CommunityFactory, UserFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table
from tests.volunteers.factories import (
    ShiftFactory,
    TeamFactory,
    VolunteerProfileFactory,
    years_ago,
)

COLUMNS = ("invite_volunteers", "see_suggestions", "own_calendar_feed")
Y, N = True, False
MANAGER = (Y, Y, Y)
SIGNED_IN = (N, Y, Y)
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": (N, N, N),
    "registered user": SIGNED_IN,
    "pending applicant": SIGNED_IN,
    "rejected applicant": SIGNED_IN,
    "former resident (left)": SIGNED_IN,
    "verified resident": SIGNED_IN,
    "household representative": SIGNED_IN,
    "committee member without TOTP": SIGNED_IN,
    "committee member": MANAGER,
    "committee member, grant expired": SIGNED_IN,
    "committee member, grant revoked": SIGNED_IN,
    "committee member, grant not started": SIGNED_IN,
    "committee member of another community": SIGNED_IN,
    "supervision member without TOTP": SIGNED_IN,
    "supervision member": SIGNED_IN,
    "coordinator": MANAGER,
    "charity manager": SIGNED_IN,
    "street officer without TOTP": SIGNED_IN,
    "street officer": SIGNED_IN,
    "street officer of another street": SIGNED_IN,
    "district officer without TOTP": SIGNED_IN,
    "district officer": SIGNED_IN,
    "district officer of another district": SIGNED_IN,
    "assistance coordinator without TOTP": SIGNED_IN,
    "assistance coordinator": SIGNED_IN,
    "assistance coordinator of another community": SIGNED_IN,
    "street assistance officer": SIGNED_IN,
    "street assistance officer of another street": SIGNED_IN,
    "district assistance supervisor": SIGNED_IN,
    "district assistance supervisor of another district": SIGNED_IN,
    "platform admin without TOTP": SIGNED_IN,
    "platform admin": MANAGER,
    "superuser without TOTP": SIGNED_IN,
    "superuser": MANAGER,
}


@pytest.mark.django_db
def test_each_role_gets_exactly_the_matching_rights_the_table_gives():
    community = CommunityFactory()
    people = {who: ACTORS[who](community) for who in TABLE}
    for user in people.values():
        if user.is_authenticated:
            VolunteerProfileFactory(user=user)
    shift = ShiftFactory(activity__community=community)

    def may(who: str, column: str) -> bool:
        target = shift if column == "invite_volunteers" else None
        return people[who].has_perm(f"volunteers.{column}", target)

    wrong = differing(TABLE, COLUMNS, may)
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("active profile", True),
        ("no profile", False),
        ("minor without consent", False),
        ("minor with consent", True),
    ],
)
def test_suggestions_need_an_active_profile(state, expected):
    person = UserFactory()
    if state == "minor without consent":
        VolunteerProfileFactory(user=person, date_of_birth=years_ago(16))
    elif state == "minor with consent":
        VolunteerProfileFactory(user=person, minor_with_consent=True)
    elif state == "active profile":
        VolunteerProfileFactory(user=person)
    assert person.has_perm("volunteers.see_suggestions") is expected


@pytest.mark.django_db
def test_a_team_coordinator_invites_only_to_their_teams_shifts():
    person = UserFactory()
    team = TeamFactory()
    team.coordinators.add(person)
    theirs = ShiftFactory(activity__community=team.community, activity__team=team)
    other = ShiftFactory(activity__community=team.community)
    assert person.has_perm("volunteers.invite_volunteers", theirs)
    assert not person.has_perm("volunteers.invite_volunteers", other)


@pytest.mark.django_db
def test_a_coordinator_of_another_community_cannot_invite():
    coordinator = ACTORS["coordinator"](CommunityFactory())
    assert not coordinator.has_perm("volunteers.invite_volunteers", ShiftFactory())


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


def test_docs_matching_table_matches_the_tested_table():
    assert doc_table("volunteers-matching", COLUMNS) == TABLE
