"""Governance fixtures that tests of other apps use too: a community set up by the
platform's services (with its bodies, notice board, disclosure board and charter
index), its committee member and street officer, and charter helpers that start a
charter and walk it through its lifecycle."""

from __future__ import annotations

import pytest
from django.utils import timezone

from communities import services as community_services
from communities.models import Role
from governance.charters.models import CharterState
from governance.charters.services import drafting, lifecycle, votes
from governance.vetting.models import (
    ReviewCandidate,
    ReviewDepartment,
    ReviewResult,
    ReviewRound,
)
from tests.factories import RegionFactory, RoleGrantFactory, StreetFactory, UserFactory
from tests.support.actors import give_totp

S = CharterState
CLAUSES = [
    "居民应当爱护公共设施，保持楼道整洁。",
    "饲养宠物应当文明，外出牵绳，及时清理粪便。",
    "邻里之间互相尊重，发生纠纷协商解决，可以请人民调解委员会调解。",
]
# The order of the lifecycle; "advance" walks it.
ORDER = [
    S.COLLECTING,
    S.DRAFT,
    S.SUBMITTED,
    S.REVIEW_PASSED,
    S.VOTED,
    S.FILED,
    S.PUBLISHED,
]
PASSING_VOTE = {
    "electorate": 100,
    "attendance": 60,
    "women": 30,
    "votes_for": 50,
    "against": 5,
    "abstain": 5,
}


@pytest.fixture
def portal(db):
    return community_services.ensure_portal()


@pytest.fixture
def street(db):
    return StreetFactory(parent=RegionFactory())


@pytest.fixture
def make_community(portal, street):
    counter = {"n": 0}

    def make(*, slug=None, kind="community"):
        counter["n"] += 1
        n = counter["n"]
        return community_services.create_community(
            street=street, name=f"治理{n}社区", slug=slug or f"gov-{n}", kind=kind
        )

    return make


@pytest.fixture
def community(make_community):
    return make_community(slug="heping")


@pytest.fixture
def committee_member(community):
    grant = RoleGrantFactory(role=Role.COMMITTEE, community=community)
    return give_totp(grant.user)


@pytest.fixture
def street_officer(community):
    grant = RoleGrantFactory(
        role=Role.STREET_OFFICER, community=None, region=community.street
    )
    return give_totp(grant.user)


@pytest.fixture
def start(community, committee_member):
    def make(*, title="幸福里居民公约", kind="residents", clauses=None):
        return drafting.start_charter(
            actor=committee_member,
            community=community,
            kind=kind,
            title=title,
            clauses=list(clauses or CLAUSES),
        )

    return make


@pytest.fixture
def advance(committee_member, street_officer):
    """Move a version forward, step by step, until it reaches `state`."""

    def step(version, state, *, in_force_on=None, held_on=None):
        while version.state != state:
            current = version.state
            if current == S.COLLECTING:
                version = lifecycle.close_opinions(
                    actor=committee_member, version=version
                )
            elif current == S.DRAFT:
                version = lifecycle.submit_for_review(
                    actor=committee_member, version=version
                )
            elif current == S.SUBMITTED:
                version = lifecycle.pass_review(actor=street_officer, version=version)
            elif current == S.REVIEW_PASSED:
                votes.record_adoption_vote(
                    version, actor=committee_member, held_on=held_on, **PASSING_VOTE
                )
                version.refresh_from_db()
            elif current == S.VOTED:
                version = lifecycle.confirm_filing(
                    actor=street_officer, version=version
                )
            elif current == S.FILED:
                version = lifecycle.publish(
                    actor=committee_member,
                    version=version,
                    in_force_on=in_force_on or timezone.localdate(),
                )
            else:  # pragma: no cover - published is the end
                raise AssertionError(f"cannot advance past {current}")
        return version

    return step


def pass_review(community, *people, closed_on=None):
    """A closed review round of the community that every person passed (a 两委
    term needs one, governance.vetting); written directly, so tests of other rules
    stay short. Returns the round."""
    district = community.street.parent
    department, _created = ReviewDepartment.objects.get_or_create(
        district=district, name="组织部门"
    )
    officer = UserFactory()
    review = ReviewRound.objects.create(
        community=community,
        purpose="general_election",
        opened_by=officer,
        closed_by=officer,
        closed_on=closed_on or timezone.localdate(),
    )
    review.departments.add(department)
    for person in people:
        candidate = ReviewCandidate.objects.create(review=review, person=person)
        ReviewResult.objects.create(
            candidate=candidate, department=department, passed=True, recorded_by=officer
        )
    return review


def reviewed(community, person=None):
    """A person (a new one unless given) who passed a current review of the
    community, ready for a 两委 term."""
    person = person or UserFactory()
    pass_review(community, person)
    return person
