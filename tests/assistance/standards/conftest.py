"""Places, people and cases for the standards, oversight and privacy tests."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from assistance.cases.models import Case, HouseholdMember, Kind, State
from communities.models import Role
from tests.factories import CommunityFactory, RegionFactory, StreetFactory
from tests.support.actors import grant_role

TODAY = timezone.localdate()


@pytest.fixture
def place(db):
    district = RegionFactory()
    street = StreetFactory(parent=district)
    community = CommunityFactory(street=street)
    village = CommunityFactory(street=street, kind="village")
    return {
        "district": district,
        "street": street,
        "community": community,
        "village": village,
    }


@pytest.fixture
def supervisor(place):
    return grant_role(Role.AID_SUPERVISOR, region=place["district"])


@pytest.fixture
def officer(place):
    return grant_role(Role.AID_OFFICER, region=place["street"])


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone()
    )


def make_case(community, *, state=State.SUBMITTED, members=1, **fields) -> Case:
    defaults = {"applicant_name": "王小明", "kind": Kind.MINIMUM_LIVING}
    case = Case.objects.create(community=community, state=state, **defaults | fields)
    for index in range(members):
        HouseholdMember.objects.create(
            case=case,
            name="王小明" if index == 0 else f"王{index}",
            relationship="self" if index == 0 else "child",
            id_number=f"11010119800101{index:04d}",
            birth_year=1980 + index,
        )
    return case
