"""Follow-up to rate in a resident's "waiting for you" (communities.home): the
list matches the rating permission, person by person, in one query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation.followup import home as followup_home
from consultation.followup import selectors as followup_selectors
from consultation.followup import services as followup_services

pytestmark = pytest.mark.django_db


def _closed_item(resolution, committee, title):
    item = followup_services.add_item(
        actor=committee, resolution=resolution, title=title, owner_unit="物业公司"
    )
    followup_services.close_item(actor=committee, item=item, final_report="已完成")
    return item


def test_the_list_matches_who_may_rate(resolution, committee, held, residents):
    done = _closed_item(resolution, committee, "安装充电桩")
    followup_services.add_item(
        actor=committee, resolution=resolution, title="仍在办理", owner_unit="物业公司"
    )
    followup_services.rate(user=held.voters[0], item=done, score=5)
    community = resolution.community
    people = {*residents, *held.participants, *held.voters}
    for person in people:
        listed = followup_selectors.ratable_items(person, community, 5)
        may = person.has_perm("consultation.rate_followup", done)
        assert (listed == [done]) is may, person
    assert followup_selectors.ratable_items(held.voters[0], community, 5) == []


def test_one_query_for_any_number_of_items(resolution, committee, held):
    for n in range(6):
        _closed_item(resolution, committee, f"事项{n}")
    voter = held.voters[1]
    with CaptureQueriesContext(connection) as queries:
        items = followup_selectors.ratable_items(voter, resolution.community, 5)
    assert len(items) == 5 and len(queries) == 1


def test_a_waiting_item_links_to_where_the_resident_rates(resolution, committee, held):
    item = _closed_item(resolution, committee, "安装充电桩")
    community = resolution.community
    [entry] = followup_home.to_rate(held.voters[0], community, 5)
    assert entry.url == f"/{community.slug}/consultations/followups/{item.pk}/"
