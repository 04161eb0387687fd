"""Fixtures for charter tests: a community with its committee, a resident and the
street officer, and a helper that drives a charter to any step of its lifecycle."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from communities.models import Role
from governance.charters.models import CharterState
from governance.charters.services import drafting, lifecycle, votes
from tests.factories import RoleGrantFactory
from tests.support.actors import give_totp

S = CharterState
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
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
