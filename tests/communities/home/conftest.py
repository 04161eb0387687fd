"""Fixtures for the community home and "mine": a community with something of
each kind happening, made through the apps' factories and services."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from charity.needs.models import Need
from communities.models import Role
from consultation.models import State
from consultation.votes import services as vote_services
from governance.disclosures.models import Objection
from tests.charity.factories import PublicProjectFactory
from tests.consultation.factories import (
    AgendaItemFactory,
    ConsultationFactory,
    MeetingFactory,
)
from tests.factories import HouseholdFactory, MembershipFactory, RoleGrantFactory
from tests.support.actors import give_totp
from tests.support.governance_disclosures import add_disclosure
from tests.support.governance_notices import add_notice
from tests.volunteers.factories import ActivityFactory, ShiftFactory


@pytest.fixture
def heping(make_community):
    return make_community(name="和平社区", slug="heping")


@pytest.fixture
def committee(heping):
    return give_totp(RoleGrantFactory(role=Role.COMMITTEE, community=heping).user)


@pytest.fixture
def make_resident(heping):
    def make():
        return MembershipFactory(
            community=heping, household=HouseholdFactory(community=heping)
        ).user

    return make


@pytest.fixture
def resident(make_resident):
    return make_resident()


class Scene:
    """Adds rows of each kind the community home lists."""

    def __init__(self, community, committee):
        self.community = community
        self.committee = committee
        self.n = 0

    def motion(self, *, title=None, secret=False, open_=True, meeting=None, **kwargs):
        self.n += 1
        item = AgendaItemFactory(
            meeting=meeting
            or MeetingFactory(
                consultation__community=self.community,
                starts_at=timezone.now() + datetime.timedelta(days=30),
            )
        )
        motion = vote_services.create_motion(
            actor=self.committee,
            agenda_item=item,
            title=title or f"表决事项{self.n}",
            is_secret=secret,
            **kwargs,
        )
        if open_:
            vote_services.open_vote(actor=self.committee, motion=motion)
        return motion

    def consultation(self, *, title=None, state=State.ACCEPTED):
        self.n += 1
        return ConsultationFactory(
            community=self.community, title=title or f"议题{self.n}", state=state
        )

    def meeting(self, *, days=5, title=None, **kwargs):
        self.n += 1
        return MeetingFactory(
            consultation__community=self.community,
            title=title or f"议事会{self.n}",
            starts_at=timezone.now() + datetime.timedelta(days=days),
            **kwargs,
        )

    def shift(self, *, capacity=5, title=None):
        self.n += 1
        activity = ActivityFactory(
            community=self.community, title=title or f"探访老人{self.n}"
        )
        return ShiftFactory(activity=activity, capacity=capacity)

    def project(self, *, title=None):
        self.n += 1
        return PublicProjectFactory(
            organisation__community=self.community, title=title or f"助学项目{self.n}"
        )

    def need(self, *, item=None):
        self.n += 1
        return Need.objects.create(
            community=self.community,
            item=item or f"棉被{self.n}",
            quantity=10,
            unit="条",
            needed_by=timezone.localdate() + datetime.timedelta(days=20),
        )

    def notice(self, *, title=None):
        return add_notice(self.community, title=title)

    def disclosure(self, *, title=None):
        return add_disclosure(self.community, title=title)

    def objection(self, *, asker, page, status=Objection.Status.OPEN, **fields):
        self.n += 1
        return Objection.objects.create(
            community=self.community,
            page=page,
            tracking_number=f"ZX-{self.n:04d}",
            asker=asker,
            text=f"这笔支出的依据是什么{self.n}",
            status=status,
            answer_due_on=timezone.localdate() + datetime.timedelta(days=10),
            **fields,
        )

    def one_of_each(self):
        self.motion()
        self.consultation()
        self.meeting()
        self.notice()
        self.disclosure()
        self.shift()
        self.project()
        self.need()


@pytest.fixture
def scene(heping, committee):
    return Scene(heping, committee)
