"""Fixtures for disclosure tests."""

from __future__ import annotations

import pytest

from communities import services as community_services
from tests.support.governance_disclosures import supervisor


@pytest.fixture
def editor(committee_member):
    """A committee member in the community's Wagtail editors' group."""
    community_services.sync_admin_rights(user=committee_member)
    return committee_member


@pytest.fixture
def reviewer(community):
    return supervisor(community)
