"""Shared set-up for the records tests: a team's shift, its volunteer, served hours."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from tests.factories import UserFactory
from tests.volunteers.factories import (
    ActivityFactory,
    ShiftFactory,
    TeamFactory,
    active_volunteer,
)
from volunteers.models import ServiceRecord, SignUp


def team_shift(*, community=None, team=None, starts_at=None, hours=3, capacity=5):
    """A shift of a team activity, with a listed team coordinator."""
    if team is None:
        team = TeamFactory(**({"community": community} if community else {}))
        team.coordinators.add(UserFactory(display_name="协调员"))
    activity = ActivityFactory(community=team.community, team=team)
    starts_at = starts_at or timezone.now() + datetime.timedelta(days=2)
    return ShiftFactory(
        activity=activity,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        capacity=capacity,
    )


def coordinator_of(shift):
    return shift.activity.team.coordinators.get()


def place(shift, volunteer=None, **profile):
    """A confirmed place on the shift (made directly: the shift may be in the past)."""
    volunteer = volunteer or active_volunteer(shift.activity.community, **profile)
    return SignUp.objects.create(
        shift=shift, volunteer=volunteer, status=SignUp.Status.CONFIRMED
    )


def served(shift, volunteer=None, hours="2.00", confirmed_by=None, **profile):
    """A confirmed version-1 record (no time bank side effects)."""
    signup = place(shift, volunteer, **profile)
    confirmer = confirmed_by or UserFactory()
    return ServiceRecord.objects.create(
        signup=signup,
        volunteer=signup.volunteer,
        community=shift.activity.community,
        team=shift.activity.team,
        served_on=timezone.localdate(shift.starts_at),
        started_at=shift.starts_at,
        ended_at=shift.ends_at,
        measured_hours=Decimal(hours),
        hours=Decimal(hours),
        status=ServiceRecord.Status.CONFIRMED,
        confirmed_by=confirmer,
        confirmed_at=timezone.now(),
    )
