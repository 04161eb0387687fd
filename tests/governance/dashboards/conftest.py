"""Fixtures for the oversight dashboards: officers, and a fake disclosures section.

The disclosure pages come from another branch; the fake section stands in for
them with the contract the chart reads (section key "disclosures", figure keys
"due", "on_time", "overdue").
"""

from __future__ import annotations

import pytest

from communities import oversight
from communities.models import Role
from tests.factories import RoleGrantFactory, UserFactory
from tests.support.actors import give_totp


def officer(role, *, region=None, community=None, totp=True):
    user = RoleGrantFactory(role=role, community=community, region=region).user
    return give_totp(user) if totp else user


@pytest.fixture
def street_officer(community):
    return officer(Role.STREET_OFFICER, region=community.street)


@pytest.fixture
def district_officer(community):
    return officer(Role.DISTRICT_OFFICER, region=community.street.parent)


@pytest.fixture
def supervision_member(community):
    return officer(Role.SUPERVISION, community=community)


@pytest.fixture
def resident_user(db):
    return UserFactory()


# Per community pk: (due, on_time, overdue); communities not listed get (0, 0, 0).
FAKE_NUMBERS: dict[int, tuple[int, int, int]] = {}


def _fake_counts(communities):
    pks = list(communities.values_list("pk", flat=True))  # one query, any size
    return {pk: FAKE_NUMBERS.get(pk, (0, 0, 0)) for pk in pks}


def _figures(numbers, url_prefix):
    due, on_time, overdue = numbers
    return [
        oversight.Figure("due", "due", due, f"{url_prefix}?status=due"),
        oversight.Figure("on_time", "on time", on_time, f"{url_prefix}?status=on-time"),
        oversight.Figure(
            "overdue", "overdue", overdue, f"{url_prefix}?status=overdue", "bad"
        ),
    ]


@pytest.fixture
def fake_disclosures():
    """Registers the fake section; yields the numbers dict to fill per community."""

    def figures(communities, user):
        counts = _fake_counts(communities).values()
        total = tuple(sum(c[i] for c in counts) for i in range(3))
        return _figures(total, "/oversight/disclosures/")

    def per_community(communities, user):
        return {
            pk: _figures(numbers, "/oversight/disclosures/")
            for pk, numbers in _fake_counts(communities).items()
        }

    saved = dict(oversight._SECTIONS)
    FAKE_NUMBERS.clear()
    oversight.register(
        oversight.Section(
            key="disclosures",
            title="Affairs disclosure",
            figures=figures,
            per_community=per_community,
            order=20,
        )
    )
    yield FAKE_NUMBERS
    oversight._SECTIONS.clear()
    oversight._SECTIONS.update(saved)
    FAKE_NUMBERS.clear()
