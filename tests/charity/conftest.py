"""Fixtures for charity tests: a community, its charity manager and organisation."""

from __future__ import annotations

import pytest

from communities.models import Role
from tests.charity.factories import (
    DonationFactory,
    OrganisationFactory,
    ProjectFactory,
    PublicProjectFactory,
)
from tests.factories import RoleGrantFactory, UserFactory


@pytest.fixture
def community(community_factory):
    return community_factory()


@pytest.fixture
def manager(community):
    person = UserFactory(display_name="经理")
    RoleGrantFactory(user=person, role=Role.CHARITY_MANAGER, community=community)
    return person


@pytest.fixture
def organisation(community, manager):
    return OrganisationFactory(community=community, managers=[manager])


@pytest.fixture
def draft_project(organisation):
    return ProjectFactory(organisation=organisation)


@pytest.fixture
def public_project(organisation):
    return PublicProjectFactory(organisation=organisation)


@pytest.fixture
def resident():
    return UserFactory(display_name="小明")


@pytest.fixture
def make_pledge():
    return DonationFactory
