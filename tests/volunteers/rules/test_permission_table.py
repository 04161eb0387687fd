"""Every cell of the volunteers permission table in docs/permissions.md."""

from __future__ import annotations

import pytest

from tests.factories import CommunityFactory, UserFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table
from tests.volunteers.factories import (
    ActivityFactory,
    TeamFactory,
    VolunteerProfileFactory,
    years_ago,
)
from volunteers.models import Activity

COLUMNS = (
    "manage_activity",
    "view_activity (draft)",
    "view_activity (published)",
    "claim_shift",
)
Y, N = True, False
MANAGER = (Y, Y, Y, N)
NOBODY = (N, N, Y, N)
RESIDENT = (N, N, Y, Y)
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": NOBODY,
    "registered user": NOBODY,
    "pending applicant": NOBODY,
    "rejected applicant": NOBODY,
    "former resident (left)": NOBODY,
    "verified resident": RESIDENT,
    "household representative": RESIDENT,
    "committee member without TOTP": NOBODY,
    "committee member": MANAGER,
    "committee member, grant expired": NOBODY,
    "committee member, grant revoked": NOBODY,
    "committee member, grant not started": NOBODY,
    "committee member of another community": NOBODY,
    "supervision member without TOTP": NOBODY,
    "supervision member": NOBODY,
    "coordinator": MANAGER,
    "charity manager": NOBODY,
    "street officer without TOTP": NOBODY,
    "street officer": NOBODY,
    "street officer of another street": NOBODY,
    "district officer without TOTP": NOBODY,
    "district officer": NOBODY,
    "district officer of another district": NOBODY,
    "assistance coordinator without TOTP": NOBODY,
    "assistance coordinator": NOBODY,
    "assistance coordinator of another community": NOBODY,
    "street assistance officer": NOBODY,
    "street assistance officer of another street": NOBODY,
    "district assistance supervisor": NOBODY,
    "district assistance supervisor of another district": NOBODY,
    "platform admin without TOTP": NOBODY,
    "platform admin": MANAGER,
    "superuser without TOTP": NOBODY,
    # Django's all-permissions shortcut; the sign-up service still refuses
    # anyone who is not a verified resident (tests/volunteers/services).
    "superuser": (Y, Y, Y, Y),
}


def _ask(user, column, community, draft, published):
    if column == "manage_activity":
        return user.has_perm("volunteers.manage_activity", community)
    if column == "view_activity (draft)":
        return user.has_perm("volunteers.view_activity", draft)
    if column == "view_activity (published)":
        return user.has_perm("volunteers.view_activity", published)
    return user.has_perm("volunteers.claim_shift", published)


@pytest.mark.django_db
def test_each_role_gets_exactly_the_volunteering_rights_the_table_gives():
    community = CommunityFactory()
    people = {who: ACTORS[who](community) for who in TABLE}
    for user in people.values():
        if user.is_authenticated:
            # Everyone signed in has an active profile: the column shows the role's
            # part.
            VolunteerProfileFactory(user=user)
    draft = ActivityFactory(community=community, status=Activity.Status.DRAFT)
    published = ActivityFactory(community=community)
    wrong = differing(
        TABLE,
        COLUMNS,
        lambda who, column: _ask(people[who], column, community, draft, published),
    )
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_a_listed_team_coordinator_manages_their_teams_activities_only():
    person = UserFactory()
    team = TeamFactory()
    team.coordinators.add(person)
    theirs = ActivityFactory(community=team.community, team=team)
    other = ActivityFactory(community=team.community)
    assert person.has_perm("volunteers.manage_activity", theirs)
    assert not person.has_perm("volunteers.manage_activity", other)
    assert not person.has_perm("volunteers.manage_activity", team.community)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("active profile, published", True),
        ("no profile", False),
        ("minor without consent", False),
        ("minor with consent", True),
        ("draft activity", False),
    ],
)
def test_claim_shift_needs_an_active_profile_and_a_published_activity(state, expected):
    community = CommunityFactory()
    resident = ACTORS["verified resident"](community)
    if state == "minor without consent":
        VolunteerProfileFactory(user=resident, date_of_birth=years_ago(16))
    elif state == "minor with consent":
        VolunteerProfileFactory(user=resident, minor_with_consent=True)
    elif state != "no profile":
        VolunteerProfileFactory(user=resident)
    status = Activity.Status.DRAFT if state == "draft activity" else "published"
    activity = ActivityFactory(community=community, status=status)
    assert resident.has_perm("volunteers.claim_shift", activity) is expected


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


def test_docs_volunteers_table_matches_the_tested_table():
    assert doc_table("volunteers", COLUMNS) == TABLE
