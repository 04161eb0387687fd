"""一肩挑 and 交叉任职: the selector, the public page and the dashboard section."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.models import Community
from governance.bodies import services
from governance.models import Body, Position
from governance.vetting import oversight, selectors
from governance.vetting.models import VettingSettings
from tests.support.governance import reviewed

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def staff(actor, community, *, one_shoulder: bool):
    body = {b.kind: b for b in Body.objects.filter(community=community)}
    chair, other, member = (reviewed(community) for _ in range(3))
    secretary = chair if one_shoulder else other
    for kind, person, position in [
        (Body.Kind.COMMITTEE, chair, Position.CHAIR),
        (Body.Kind.COMMITTEE, member, Position.MEMBER),
        (Body.Kind.PARTY, secretary, Position.SECRETARY),
    ]:
        services.appoint_term(
            actor=actor,
            body=body[kind],
            person=person,
            position=position,
            starts_on=TODAY - DAY,
        )


def test_one_shoulder_is_unknown_while_a_seat_is_empty(community):
    found = selectors.leadership([community.pk])[community.pk]
    assert found.one_shoulder is None and found.cross_share is None


def test_one_shoulder_and_cross_share(admin_user, make_community):
    yes, no = make_community(), make_community()
    staff(admin_user, yes, one_shoulder=True)
    staff(admin_user, no, one_shoulder=False)
    found = selectors.leadership([yes.pk, no.pk])
    assert found[yes.pk].one_shoulder is True
    assert (found[yes.pk].on_both, found[yes.pk].members) == (1, 2)
    assert found[yes.pk].cross_share == 50
    assert found[no.pk].one_shoulder is False
    assert found[no.pk].cross_share == 0


def test_the_public_page_shows_one_shoulder(client, admin_user, community):
    staff(admin_user, community, one_shoulder=True)
    page = client.get(f"/{community.slug}/who-serves/").content.decode()
    assert "the Party secretary also chairs the committee" in page
    assert "1 of 2 两委 members (50%)" in page


def test_the_section_against_the_district_target(admin_user, make_community):
    yes, no = make_community(), make_community()
    staff(admin_user, yes, one_shoulder=True)
    staff(admin_user, no, one_shoulder=False)
    scope = Community.objects.filter(pk__in=[yes.pk, no.pk])
    figures = {f.key: f for f in oversight.figures(scope, admin_user)}
    assert figures["one_shoulder"].count == 1
    assert figures["one_shoulder_share"].count == 50
    assert figures["one_shoulder_share"].tone == "bad"
    assert figures["target"].count == 100
    VettingSettings.objects.create(district=yes.street.parent, one_shoulder_target=50)
    figures = {f.key: f for f in oversight.figures(scope, admin_user)}
    assert figures["target"].count == 50
    assert figures["one_shoulder_share"].tone == "ok"
    rows = oversight.per_community(scope, admin_user)
    assert rows[yes.pk][0].count == 1 and rows[no.pk][0].count == 0


def test_the_section_runs_a_fixed_number_of_queries(admin_user, make_community):
    first = make_community()
    staff(admin_user, first, one_shoulder=True)
    scope = Community.objects.all()
    with CaptureQueriesContext(connection) as one:
        oversight.figures(scope, admin_user)
        oversight.per_community(scope, admin_user)
    for _ in range(3):
        staff(admin_user, make_community(), one_shoulder=False)
    with CaptureQueriesContext(connection) as four:
        oversight.figures(scope, admin_user)
        oversight.per_community(scope, admin_user)
    assert len(four) == len(one) == 6
