"""Fixtures of the qualification review tests: a street officer and a district
officer over the governance test community, and an open round."""

from __future__ import annotations

import pytest

from communities.models import Role
from governance.vetting import selectors, services
from tests.factories import RoleGrantFactory, UserFactory
from tests.support import governance as shared
from tests.support.actors import give_totp

street_officer = shared.street_officer


@pytest.fixture
def district(community):
    return community.street.parent


@pytest.fixture
def district_officer(district):
    grant = RoleGrantFactory(
        role=Role.DISTRICT_OFFICER, community=None, region=district
    )
    return give_totp(grant.user)


@pytest.fixture
def lists(district):
    services.ensure_defaults(district=district)
    return (
        list(selectors.departments(district, active_only=True)),
        list(selectors.grounds(district, active_only=True)),
    )


@pytest.fixture
def candidate_people():
    return [UserFactory(display_name="候选甲"), UserFactory(display_name="候选乙")]


@pytest.fixture
def review(street_officer, community, lists, candidate_people):
    departments, grounds = lists
    return services.open_round(
        actor=street_officer,
        community=community,
        purpose="general_election",
        departments=departments[:3],
        grounds=grounds,
        people=candidate_people,
    )


def pass_all(officer, review, *, except_for=()):
    """Every department passes every candidate (except the given persons)."""
    for candidate in review.candidates.all():
        if candidate.person in except_for:
            continue
        for department in review.departments.all():
            services.record_result(
                actor=officer,
                review=review,
                candidate=candidate,
                department=department,
                passed=True,
            )
