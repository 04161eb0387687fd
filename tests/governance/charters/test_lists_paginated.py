"""The lists behind the charters figures are paginated (issue 16): a district's
communities without a charter come one page at a time, chosen in the database,
in the same queries however many communities the district has."""

from __future__ import annotations

import pytest

from communities.models import Role
from governance.charters import oversight as charter_oversight
from tests.factories import CommunityFactory, RoleGrantFactory, StreetFactory
from tests.support.actors import give_totp
from tests.support.pagination import assert_paginated

pytestmark = pytest.mark.django_db


def test_the_communities_without_a_charter_are_paginated(client, monkeypatch):
    street = StreetFactory()
    officer = RoleGrantFactory(
        role=Role.DISTRICT_OFFICER, community=None, region=street.parent
    ).user
    client.force_login(give_totp(officer))

    def add(n):
        CommunityFactory.create_batch(n, street=street)

    url = charter_oversight.url_for("without", {"street": street.pk})
    assert_paginated(
        client, monkeypatch, url, add, key="communities", keep=f"street={street.pk}"
    )
