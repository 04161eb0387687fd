"""Fixtures for the communities tests: a portal, communities made by the service, TOTP."""

from __future__ import annotations

import pytest

from communities import services
from communities.models import Region
from tests.factories import RegionFactory, StreetFactory
from tests.support.actors import TEST_TOTP_SECRET, give_totp  # noqa: F401


@pytest.fixture
def totp():
    return give_totp


@pytest.fixture
def portal(db):
    return services.ensure_portal()


@pytest.fixture
def make_community(portal, street):
    """Create a community the way the platform does (home page, editors group)."""
    counter = {"n": 0}

    def make(*, name=None, slug=None, kind="community", street_region=None):
        counter["n"] += 1
        n = counter["n"]
        return services.create_community(
            street=street_region or street,
            name=name or f"测试{n}社区",
            slug=slug or f"test-{n}",
            kind=kind,
        )

    return make


# The shared `street` / `district` fixtures from pytest-factoryboy need a `region`
# fixture that tests/conftest.py does not register; these plain ones replace them.
@pytest.fixture
def district(db):
    return RegionFactory()


@pytest.fixture
def street(district):
    return StreetFactory(parent=district)


@pytest.fixture
def other_district(db):
    return Region.objects.create(kind=Region.Kind.DISTRICT, name="其他区", slug="other")
