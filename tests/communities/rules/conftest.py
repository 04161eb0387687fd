"""Fixtures of the communities permission tables (actors live in tests/support)."""

from __future__ import annotations

import pytest

from tests.factories import CommunityFactory
from tests.support.actors import ACTORS


@pytest.fixture
def table_community(db):
    return CommunityFactory()


@pytest.fixture
def make_actor(table_community):
    def make(name: str):
        return ACTORS[name](table_community)

    return make
