"""Every cell of the volunteer-records permission table in docs/permissions.md."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.factories import CommunityFactory, UserFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table
from tests.volunteers.records.helpers import served, team_shift
from volunteers.models import Team

COLUMNS = (
    "run_shift",
    "confirm_record",
    "view_records",
    "use_time_bank (on)",
    "use_time_bank (off)",
)
Y, N = True, False
MANAGER = (Y, Y, Y, N, N)
NOBODY = (N, N, N, N, N)
RESIDENT = (N, N, N, Y, N)
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
    # Django's all-permissions shortcut; the services still refuse a transfer when
    # the time bank is off or the recipient is not allowed (tests/volunteers/records).
    "superuser": (Y, Y, Y, Y, Y),
}


@pytest.mark.django_db
def test_each_role_gets_exactly_the_records_rights_the_table_gives():
    community = CommunityFactory()
    people = {who: ACTORS[who](community) for who in TABLE}
    team = Team.objects.create(community=community, name="Helpers")  # no coordinators
    shift = team_shift(team=team)
    record = served(team_shift(team=team, starts_at=timezone.now()))

    def ask(who: str, column: str) -> bool:
        user = people[who]
        if column == "run_shift":
            return user.has_perm("volunteers.run_shift", shift)
        if column == "confirm_record":
            return user.has_perm("volunteers.confirm_record", record)
        if column == "view_records":
            return user.has_perm("volunteers.view_records", community)
        community.policy.time_bank_enabled = column == "use_time_bank (on)"
        community.policy.save()
        return user.has_perm("volunteers.use_time_bank", community)

    wrong = differing(TABLE, COLUMNS, ask)
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_a_listed_team_coordinator_runs_their_teams_shifts_and_records_only():
    shift = team_shift()
    coordinator = shift.activity.team.coordinators.get()
    theirs = served(team_shift(team=shift.activity.team, starts_at=timezone.now()))
    other_shift = team_shift(community=shift.activity.community)
    others = served(
        team_shift(
            team=other_shift.activity.team,
            starts_at=timezone.now() - datetime.timedelta(days=1),
        )
    )
    assert coordinator.has_perm("volunteers.run_shift", shift)
    assert coordinator.has_perm("volunteers.confirm_record", theirs)
    assert not coordinator.has_perm("volunteers.run_shift", other_shift)
    assert not coordinator.has_perm("volunteers.confirm_record", others)
    assert not coordinator.has_perm("volunteers.view_records", shift.activity.community)
    assert not UserFactory().has_perm("volunteers.confirm_record", theirs)


def test_the_table_covers_every_actor():
    assert set(TABLE) == set(ACTORS)


def test_docs_records_table_matches_the_tested_table():
    assert doc_table("volunteer-records", COLUMNS) == TABLE
