"""Shared fixtures of every assistance test (tests/assistance/**).

One district with a standard, one street, one community, one household, and the
people around a case. Names are short on purpose; use them as they are:

- `district`, `street`, `community`: 示范区 > a street > a community (urban).
  `other_community`: another community of the same street.
- `standard`: the district's urban 低保 standard of 1000 yuan per person a month
  since 2026-01-01 (`rural_standard`: 800 yuan, same day).
- `household`: a household of `community`.
- `applicant`: a verified member (the representative) of `household`.
- `household_member`: another verified member of the same household.
- `resident`: a verified resident of `community` in another household.
- `coordinator`: assistance coordinator (救助协理员) of `community`, with TOTP.
- `officer`: street assistance officer of `street`, with TOTP.
- `supervisor`: district assistance supervisor of `district`, with TOTP.
- `make_case(state="submitted", **options)`: a case of `household` in `state`,
  walked there through `assistance.cases.workflow.transition` by the people
  above (see `tests.support.assistance.make_case` for the options: kind,
  members, incomes, accepted_on, any Case field).
- `case`: `make_case()` — a submitted 低保 case of the applicant alone.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from assistance.standards.models import Area, Standard
from communities.models import Membership, Role
from tests.factories import (
    CommunityFactory,
    HouseholdFactory,
    MembershipFactory,
    RegionFactory,
    StreetFactory,
)
from tests.support.actors import grant_role
from tests.support.assistance import make_case as build_case


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Public look-ups and objections are rate-limited per address in the cache;
    on Redis the shared fixture keeps the cache between tests (each xdist process
    has its own Redis database, so clearing it here touches no other process)."""
    cache.clear()
    yield


STANDARD_SINCE = datetime.date(2026, 1, 1)


@pytest.fixture
def signed_in(client):
    """`signed_in(person)`: the test client, signed in as that person."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def district(db):
    return RegionFactory()


@pytest.fixture
def street(district):
    return StreetFactory(parent=district)


@pytest.fixture
def community(street):
    return CommunityFactory(street=street)


@pytest.fixture
def other_community(street):
    return CommunityFactory(street=street)


@pytest.fixture
def standard(district):
    return Standard.objects.create(
        district=district,
        area=Area.URBAN,
        monthly_amount=Decimal("1000.00"),
        effective_from=STANDARD_SINCE,
    )


@pytest.fixture
def rural_standard(district):
    return Standard.objects.create(
        district=district,
        area=Area.RURAL,
        monthly_amount=Decimal("800.00"),
        effective_from=STANDARD_SINCE,
    )


@pytest.fixture
def household(community):
    return HouseholdFactory(community=community)


@pytest.fixture
def applicant(household):
    return MembershipFactory(
        household=household,
        status=Membership.Status.VERIFIED,
        is_representative=True,
    ).user


@pytest.fixture
def household_member(household, applicant):
    return MembershipFactory(
        household=household, status=Membership.Status.VERIFIED
    ).user


@pytest.fixture
def resident(community):
    return MembershipFactory(
        household=HouseholdFactory(community=community),
        status=Membership.Status.VERIFIED,
    ).user


@pytest.fixture
def coordinator(community):
    return grant_role(Role.AID_COORDINATOR, community=community)


@pytest.fixture
def officer(street):
    return grant_role(Role.AID_OFFICER, region=street)


@pytest.fixture
def supervisor(district):
    return grant_role(Role.AID_SUPERVISOR, region=district)


@pytest.fixture
def make_case(community, household, applicant, coordinator, officer, supervisor):
    staff = {"coordinator": coordinator, "officer": officer, "supervisor": supervisor}

    def make(state="submitted", **options):
        options.setdefault("household", household)
        options.setdefault("applicant", applicant)
        return build_case(
            community=options.pop("community", community),
            state=state,
            staff={**staff, **options.pop("staff", {})},
            **options,
        )

    return make


@pytest.fixture
def case(make_case):
    return make_case()
