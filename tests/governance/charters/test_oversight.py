"""The "charters" section of the oversight dashboards and the lists behind it."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from communities import oversight
from communities.models import Community
from governance.charters import oversight as charter_oversight
from governance.charters.services import drafting, lifecycle, votes
from tests.factories import RoleGrantFactory
from tests.governance.charters.conftest import S
from tests.support.actors import give_totp

pytestmark = pytest.mark.django_db


def by_key(figures):
    return {figure.key: figure for figure in figures}


@pytest.fixture
def spread(make_community, community, street_officer, start, advance):
    """heping: a filed charter in force; three more communities: one with a charter
    under review, one whose filing is overdue, one with nothing."""
    advance(start(), S.PUBLISHED)
    others = [make_community() for _ in range(3)]
    members = [
        give_totp(RoleGrantFactory(role="committee", community=other).user)
        for other in others
    ]

    def submitted(index):
        version = drafting.start_charter(
            actor=members[index],
            community=others[index],
            kind="residents",
            title="公约",
            clauses=["条款"],
        )
        version = lifecycle.close_opinions(actor=members[index], version=version)
        return lifecycle.submit_for_review(actor=members[index], version=version)

    submitted(0)
    # All test communities share one street, so heping's street officer reviews.
    overdue = lifecycle.pass_review(actor=street_officer, version=submitted(1))
    votes.record_adoption_vote(
        overdue,
        actor=members[1],
        held_on=timezone.localdate() - datetime.timedelta(days=11),
        electorate=10,
        attendance=6,
        women=3,
        votes_for=6,
        against=0,
        abstain=0,
    )
    return [community, *others]


def test_the_section_is_registered():
    keys = [section.key for section in oversight.sections()]
    assert "charters" in keys


def test_the_figures_count_and_link_to_their_items(
    client, spread, admin_user, django_assert_num_queries
):
    communities = Community.objects.filter(pk__in=[c.pk for c in spread])
    with django_assert_num_queries(4):
        figures = by_key(charter_oversight.figures(communities, admin_user))
    assert figures["with"].count == 1
    assert figures["without"].count == 3
    assert figures["review"].count == 1
    assert figures["overdue"].count == 1
    assert figures["overdue"].tone == "bad"
    client.force_login(admin_user)
    html = client.get(figures["without"].url).content.decode()
    for community in spread[1:]:
        assert community.name in html
    assert spread[0].name not in html
    html = client.get(figures["overdue"].url).content.decode()
    assert spread[2].name in html
    assert spread[1].name not in html
    html = client.get(figures["review"].url).content.decode()
    assert spread[1].name in html


def test_filing_becomes_overdue_only_after_the_due_day(spread, admin_user):
    communities = Community.objects.filter(pk__in=[c.pk for c in spread])
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
        figures = by_key(charter_oversight.figures(communities, admin_user))
    assert figures["overdue"].count == 0


def test_per_community_figures_in_fixed_queries(
    spread, admin_user, django_assert_num_queries, make_community
):
    communities = Community.objects.filter(pk__in=[c.pk for c in spread])
    with django_assert_num_queries(4):
        table = charter_oversight.per_community(communities, admin_user)
    assert by_key(table[spread[0].pk])["with"].count == 1
    assert by_key(table[spread[0].pk])["without"].count == 0
    assert by_key(table[spread[3].pk])["with"].count == 0
    assert by_key(table[spread[3].pk])["without"].count == 1
    assert by_key(table[spread[1].pk])["review"].count == 1
    assert by_key(table[spread[2].pk])["overdue"].count == 1
    for _ in range(3):
        make_community()
    with django_assert_num_queries(4):
        table = charter_oversight.per_community(Community.objects.all(), admin_user)
    assert len(table) == 7


def test_a_street_officer_sees_only_their_streets_communities(
    client, spread, street_officer, make_community
):
    from tests.factories import RegionFactory, StreetFactory

    elsewhere = make_community()
    elsewhere.street = StreetFactory(parent=RegionFactory(slug="far", name="远区"))
    elsewhere.save()
    client.force_login(street_officer)
    figures = by_key(
        charter_oversight.figures(
            Community.objects.filter(street=spread[0].street), street_officer
        )
    )
    html = client.get(figures["without"].url).content.decode()
    assert elsewhere.name not in html
    assert spread[3].name in html
    # Asking for another district's communities by hand shows none of them.
    html = client.get(
        charter_oversight.url_for("without", {"district": elsewhere.street.parent_id})
    ).content.decode()
    assert elsewhere.name not in html


def test_people_who_oversee_nothing_are_refused(client, resident):
    client.force_login(resident)
    assert client.get(charter_oversight.url_for("without")).status_code == 403
    assert client.get("/my/oversight/charters/nonsense/").status_code == 404
