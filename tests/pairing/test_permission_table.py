"""Every cell of the paired-regions table in docs/permissions.md (`pairing`): who
sees, manages and works on 甘肃省武山县 (paired with the district 示范区). One test,
checking every cell and naming each that differs."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

import pairing.rules  # noqa: F401  (registers every pairing permission)
from pairing.models import Liaison
from tests.pairing.conftest import liaison, make_region
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

pytestmark = pytest.mark.django_db
Y, N = True, False
DAY = datetime.timedelta(days=1)

COLUMNS = {
    "view_paired_region": ("view_paired_region", "region"),
    "add_paired_region (the district)": ("add_paired_region", "district"),
    "manage_paired_region": ("manage_paired_region", "region"),
    "post_update": ("post_update", "region"),
    "view_internal": ("view_internal", "region"),
    "record_exchange": ("record_exchange", "region"),
    "ask_question": ("ask_question", "region"),
    "answer_question": ("answer_question", "region"),
}
VIEW_ONLY = (Y, N, N, N, N, N, N, N)
TABLE = {
    "visitor": VIEW_ONLY,
    "registered user": VIEW_ONLY,
    "verified resident": VIEW_ONLY,
    "committee member": VIEW_ONLY,
    "street officer": VIEW_ONLY,
    "district officer": (Y, Y, Y, Y, Y, Y, N, Y),
    "district officer without TOTP": VIEW_ONLY,
    "district officer of another district": VIEW_ONLY,
    "platform admin": (Y, Y, Y, Y, Y, Y, N, Y),
    "home-side liaison": (Y, N, N, Y, Y, Y, N, Y),
    "receiving-side liaison": (Y, N, N, Y, Y, Y, Y, N),
    "receiving-side liaison of another paired region": VIEW_ONLY,
    "liaison, post revoked": VIEW_ONLY,
    "liaison, post ended": VIEW_ONLY,
    "liaison, post not started": VIEW_ONLY,
}
TODAY = timezone.localdate()


def _liaisons(region, other):
    def post(side, target=region, **dates):
        return lambda c: liaison(target, side, **dates)

    return {
        "home-side liaison": post(Liaison.Side.HOME),
        "receiving-side liaison": post(Liaison.Side.RECEIVING),
        "receiving-side liaison of another paired region": post(
            Liaison.Side.RECEIVING, other
        ),
        "liaison, post revoked": post(
            Liaison.Side.RECEIVING, revoked_at=timezone.now()
        ),
        "liaison, post ended": post(
            Liaison.Side.RECEIVING, starts_on=TODAY - 9 * DAY, ends_on=TODAY - DAY
        ),
        "liaison, post not started": post(
            Liaison.Side.RECEIVING, starts_on=TODAY + DAY
        ),
    }


def test_each_person_may_exactly_what_the_paired_region_table_gives(home_community):
    district = home_community.street.parent
    region = make_region(district, "甘肃省武山县", "wushan")
    other = make_region(district, "甘肃省永登县", "yongdeng")
    builders = {**ACTORS, **_liaisons(region, other)}
    people = {who: builders[who](home_community) for who in TABLE}
    objects = {"region": region, "district": district}

    def answer(who, column):
        perm, target = COLUMNS[column]
        return people[who].has_perm(f"pairing.{perm}", objects[target])

    wrong = differing(TABLE, tuple(COLUMNS), answer)
    assert not wrong, "\n".join(wrong)
    assert doc_table("pairing", tuple(COLUMNS)) == TABLE
