"""Every cell of the qualification review tables in docs/permissions.md: the
rounds (`vetting-rounds`) and the district's configuration (`vetting-config`).
One test per table, naming each cell that differs."""

from __future__ import annotations

import pytest

import governance.rules  # noqa: F401  (registers every governance permission)
from governance.vetting import services
from governance.vetting.models import ReviewRound
from tests.factories import CommunityFactory, UserFactory
from tests.support.actors import ACTORS
from tests.support.permissions import differing, doc_table

pytestmark = pytest.mark.django_db
Y, N = True, False

ROUND_COLUMNS = {
    "view_review_rounds (street)": ("view_review_rounds", "street"),
    "view_review_rounds (district)": ("view_review_rounds", "district"),
    "open_review_round": ("open_review_round", "community"),
    "view_review_round (open)": ("view_review_round", "open"),
    "view_review_round (closed)": ("view_review_round", "closed"),
    "change_review_round (open)": ("change_review_round", "open"),
    "change_review_round (closed)": ("change_review_round", "closed"),
}
CONFIG_COLUMNS = {
    "configure_vetting (district)": ("configure_vetting", "district"),
    "configure_vetting (street)": ("configure_vetting", "street"),
    "grant_review_exception": ("grant_review_exception", "community"),
}
NONE7, NONE3 = (N,) * 7, (N,) * 3
OFFICER = (Y, N, Y, Y, Y, Y, N)
ADMIN = (Y, Y, Y, Y, Y, Y, N)
SUPERUSER = (Y,) * 7
DISTRICT = (Y, Y, N, Y, Y, N, N)
ROUND_TABLE = dict.fromkeys(ACTORS, NONE7) | {
    "street officer": OFFICER,
    "district officer": DISTRICT,
    "platform admin": ADMIN,
    "superuser": SUPERUSER,
}
CONFIG_TABLE = dict.fromkeys(ACTORS, NONE3) | {
    "district officer": (Y, N, Y),
    "platform admin": (Y, N, Y),
    "superuser": (Y, Y, Y),
}


def _rounds(community):
    opener = UserFactory()
    made = {}
    for state in ("open", "closed"):
        made[state] = ReviewRound.objects.create(
            community=community, purpose="appointment", opened_by=opener
        )
    made["closed"].closed_on = made["closed"].opened_at.date()
    made["closed"].save()
    return made


def _check(table, columns):
    community = CommunityFactory()
    services.ensure_defaults(district=community.street.parent)
    objects = {
        "community": community,
        "street": community.street,
        "district": community.street.parent,
        **_rounds(community),
    }
    people = {who: ACTORS[who](community) for who in table}
    return differing(
        table,
        list(columns),
        lambda who, column: people[who].has_perm(
            f"governance.{columns[column][0]}", objects[columns[column][1]]
        ),
    )


def test_the_review_round_table():
    wrong = _check(ROUND_TABLE, ROUND_COLUMNS)
    assert not wrong, "\n".join(wrong)
    assert doc_table("vetting-rounds", list(ROUND_COLUMNS)) == ROUND_TABLE


def test_the_review_configuration_table():
    wrong = _check(CONFIG_TABLE, CONFIG_COLUMNS)
    assert not wrong, "\n".join(wrong)
    assert doc_table("vetting-config", list(CONFIG_COLUMNS)) == CONFIG_TABLE
