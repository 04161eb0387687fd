"""A district (示范区) with a street and two communities, paired with 甘肃省武山县
and 甘肃省永登县; its officer (with TOTP) and the liaison officers of both sides."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from communities.models import Role
from pairing.models import Liaison, PairedRegion
from tests.factories import CommunityFactory, RegionFactory, StreetFactory, UserFactory
from tests.support.actors import grant_role


@pytest.fixture
def district(db):
    return RegionFactory()


@pytest.fixture
def home_street(district):
    return StreetFactory(parent=district)


@pytest.fixture
def home_community(home_street):
    return CommunityFactory(street=home_street, name="和平社区")


@pytest.fixture
def officer(district):
    return grant_role(Role.DISTRICT_OFFICER, region=district)


def make_region(district, name, slug, officer=None):
    return PairedRegion.objects.create(
        district=district,
        name=name,
        province="甘肃省",
        slug=slug,
        agreement="结对帮扶协议",
        plan="年度计划",
        created_by=officer,
    )


@pytest.fixture
def wushan(district, officer):
    return make_region(district, "甘肃省武山县", "wushan", officer)


@pytest.fixture
def yongdeng(district, officer):
    return make_region(district, "甘肃省永登县", "yongdeng", officer)


def liaison(region, side, user=None, **fields):
    user = user or UserFactory()
    Liaison.objects.create(
        user=user,
        paired_region=region,
        side=side,
        name=fields.pop("name", "联系员"),
        title=fields.pop("title", "副局长"),
        starts_on=fields.pop(
            "starts_on", timezone.localdate() - datetime.timedelta(days=1)
        ),
        **fields,
    )
    return user


@pytest.fixture
def receiving(wushan):
    return liaison(wushan, Liaison.Side.RECEIVING, name="马文斌")


@pytest.fixture
def home(wushan):
    return liaison(wushan, Liaison.Side.HOME, name="林志远")


@pytest.fixture
def yongdeng_liaison(yongdeng):
    return liaison(yongdeng, Liaison.Side.RECEIVING, name="张晓燕")
