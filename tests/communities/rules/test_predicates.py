"""Role predicates: missing objects, scope, and the per-request query budget."""

from __future__ import annotations

import pytest

from communities import rules as community_rules
from communities.models import Role
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    RoleGrantFactory,
    StreetFactory,
    UserFactory,
)
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db

PREDICATES = [
    community_rules.is_verified_resident,
    community_rules.is_household_representative,
    community_rules.is_committee_member,
    community_rules.is_supervision_member,
    community_rules.is_coordinator,
    community_rules.is_charity_manager,
    community_rules.is_street_officer_for,
    community_rules.is_district_officer_for,
]


@pytest.mark.parametrize("predicate", PREDICATES, ids=lambda p: p.name)
def test_a_missing_object_is_never_allowed(predicate):
    grant = RoleGrantFactory()
    give_totp(grant.user)
    assert predicate.test(grant.user, None) is False


def test_platform_admin_needs_no_object_but_needs_totp():
    user = UserFactory(is_superuser=True)
    assert community_rules.is_platform_admin.test(user) is False
    give_totp(user)
    assert community_rules.is_platform_admin.test(user) is True


def test_predicates_accept_an_object_that_belongs_to_a_community():
    membership = MembershipFactory()
    assert community_rules.is_verified_resident.test(membership.user, membership)


def test_officer_predicates_accept_the_region_itself():
    street = StreetFactory()
    grant = RoleGrantFactory(role=Role.STREET_OFFICER, community=None, region=street)
    give_totp(grant.user)
    assert community_rules.is_street_officer_for.test(grant.user, street)
    assert not community_rules.is_district_officer_for.test(grant.user, street)


def test_many_checks_cost_one_query_for_grants_and_one_for_memberships(
    django_assert_num_queries,
):
    communities = [CommunityFactory() for _ in range(5)]
    grant = RoleGrantFactory(role=Role.COORDINATOR, community=communities[0])
    user = grant.user
    with django_assert_num_queries(2):
        for community in communities:
            community_rules.is_coordinator.test(user, community)
            community_rules.is_charity_manager.test(user, community)
            community_rules.is_verified_resident.test(user, community)
            community_rules.is_street_officer_for.test(user, community)
            community_rules.is_district_officer_for.test(user, community)


def test_forgetting_cached_roles_makes_a_new_grant_count():
    user, community = UserFactory(), CommunityFactory()
    assert not community_rules.is_coordinator.test(user, community)
    RoleGrantFactory(user=user, role=Role.COORDINATOR, community=community)
    assert not community_rules.is_coordinator.test(user, community)
    community_rules.forget_cached_roles(user)
    assert community_rules.is_coordinator.test(user, community)
