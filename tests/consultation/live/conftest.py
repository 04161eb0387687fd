"""A meeting in session with its agenda, a motion and invited residents."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from consultation.models import Participant
from consultation.votes import services as vote_services
from tests.consultation.factories import (
    AgendaItemFactory,
    ConsultationFactory,
    MeetingFactory,
)


def make_live_meeting(
    community, committee, residents, *, hide_results=False, secret=False
):
    """Notice out, started ten minutes ago; the residents are invited."""
    now = timezone.now()
    meeting = MeetingFactory(
        consultation=ConsultationFactory(community=community, state="notice_published"),
        starts_at=now - datetime.timedelta(minutes=10),
        ends_at=now + datetime.timedelta(hours=2),
        notice_published_at=now - datetime.timedelta(days=5),
    )
    first = AgendaItemFactory(meeting=meeting, position=1, title="增设充电桩")
    second = AgendaItemFactory(meeting=meeting, position=2, title="停车收费")
    for person in residents:
        Participant.objects.create(
            meeting=meeting,
            user=person,
            kind=Participant.Kind.RESIDENT,
            how=Participant.How.INVITED,
        )
    motion = vote_services.create_motion(
        actor=committee,
        agenda_item=first,
        title="是否同意增设充电桩",
        hide_results=hide_results,
        is_secret=secret,
    )
    return meeting, first, second, motion


@pytest.fixture
def live_meeting(community, committee, residents):
    meeting, first, second, motion = make_live_meeting(
        community, committee, residents[:4]
    )
    return meeting, first, second, motion
