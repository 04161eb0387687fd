"""Consultation fixtures: a community with its committee member and residents."""

from __future__ import annotations

import pytest

from communities.models import Membership, Role
from consultation.deliberation import services as deliberation_services
from consultation.meetings import services as meeting_services
from consultation.topics import services as topic_services
from tests.factories import (
    CommunityFactory,
    HouseholdFactory,
    MembershipFactory,
    RoleGrantFactory,
)
from tests.support.actors import give_totp


@pytest.fixture
def community(db):
    return CommunityFactory()


@pytest.fixture
def committee(community):
    """A committee member of the community, with TOTP."""
    grant = RoleGrantFactory(role=Role.COMMITTEE, community=community)
    return give_totp(grant.user)


@pytest.fixture
def make_resident(community):
    """A verified adult resident, in a new household unless one is given."""

    def make(*, household=None, representative=False, adult=True, status=None):
        household = household or HouseholdFactory(community=community)
        return MembershipFactory(
            community=community,
            household=household,
            status=status or Membership.Status.VERIFIED,
            is_representative=representative,
            is_adult=adult,
        ).user

    return make


@pytest.fixture
def residents(make_resident):
    return [make_resident() for _ in range(10)]


@pytest.fixture
def walk(committee, time_machine_now):
    """Bring a consultation through the services up to a state, step by step."""
    return Walker(committee, time_machine_now)


@pytest.fixture
def time_machine_now(time_machine):
    """Freeze time (a day ahead, so grants made today are in force) to move it on."""
    import datetime

    from django.utils import timezone

    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
    time_machine.move_to(start, tick=False)
    return time_machine


class Walker:
    def __init__(self, actor, traveller):
        self.actor = actor
        self.traveller = traveller

    def meeting(self, consultation, **kwargs):
        import datetime

        from django.utils import timezone

        starts = timezone.now() + datetime.timedelta(days=10)
        defaults = {
            "title": "议事会",
            "form": "deliberation",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "place": "社区活动室",
        }
        defaults.update(kwargs)
        return meeting_services.schedule_meeting(
            actor=self.actor, consultation=consultation, **defaults
        )

    def __call__(self, consultation, state):
        import datetime

        from consultation.models import CHAIN

        meeting = consultation.meetings.first()
        target = CHAIN.index(state)
        while CHAIN.index(consultation.state) < target:
            current = consultation.state
            if current == "proposed":
                topic_services.accept(
                    actor=self.actor, consultation=consultation, reason="值得讨论"
                )
            elif current == "accepted":
                meeting = meeting or self.meeting(consultation)
                meeting_services.invite_participant(
                    actor=self.actor, meeting=meeting, kind="affected", name="3号楼住户"
                )
                topic_services.set_participants(
                    actor=self.actor, consultation=consultation
                )
            elif current == "participants_set":
                meeting_services.publish_notice(actor=self.actor, meeting=meeting)
            elif current == "notice_published":
                self.traveller.shift(
                    meeting.starts_at
                    - datetime.datetime.now(datetime.UTC)
                    + datetime.timedelta(minutes=5)
                )
                meeting_services.mark_held(actor=self.actor, meeting=meeting)
            elif current == "held":
                deliberation_services.record_opinion(
                    actor=self.actor, consultation=consultation, opinion="同意增设"
                )
            elif current == "opinion_recorded":
                topic_services.start_implementation(
                    actor=self.actor, consultation=consultation
                )
            elif current == "implementing":
                topic_services.publish_feedback(
                    actor=self.actor, consultation=consultation, feedback="已完成"
                )
            elif current == "feedback_published":
                topic_services.close(actor=self.actor, consultation=consultation)
            consultation.refresh_from_db()
        return consultation
