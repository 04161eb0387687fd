"""The assistance dashboard of a street or district, and the assistance section
of the oversight dashboards."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from assistance.cases.models import State
from assistance.decisions.models import Refusal
from assistance.oversight import section
from assistance.oversight.selectors import median, percentile
from communities.models import Community, Role
from tests.factories import CommunityFactory, UserFactory
from tests.support.actors import grant_role

from .conftest import TODAY, at, make_case

pytestmark = pytest.mark.django_db
D = datetime.date


def dashboard_url(region):
    return f"/regions/{region.slug}/assistance/dashboard/"


def decided(community, accepted, decided_on, state=State.CONFIRMED, **extra):
    return make_case(
        community,
        state=state,
        accepted_on=accepted,
        decided_at=at(decided_on),
        **extra,
    )


def world(place, extra=0):
    community, village = place["community"], place["village"]
    # 2027 has no holiday data: Monday to Friday. 5, 10 and 20 working days.
    decided(community, D(2027, 9, 6), D(2027, 9, 13))
    decided(community, D(2027, 9, 6), D(2027, 9, 20))
    decided(
        village,
        D(2027, 9, 6),
        D(2027, 10, 4),
        state=State.REFUSED,
    )
    decider = UserFactory()
    for case in village.assistance_cases.filter(state=State.REFUSED):
        Refusal.objects.create(
            case=case,
            category="income",
            reasons="收入超标",
            notice_due=TODAY,
            decided_by=decider,
        )
    make_case(
        community, state=State.ACCEPTED, decision_due=TODAY - datetime.timedelta(days=2)
    )
    make_case(
        village, state=State.PUBLICITY, decision_due=TODAY + datetime.timedelta(days=9)
    )
    for amount in ("800", "650.50"):
        make_case(
            community,
            state=State.CONFIRMED,
            monthly_amount=Decimal(amount),
            start_month=TODAY.replace(day=1),
        )
    for index in range(extra):
        other = CommunityFactory(street=place["street"], slug=f"more-{index}")
        decided(other, D(2027, 9, 6), D(2027, 9, 8))
        make_case(
            other,
            state=State.CONFIRMED,
            monthly_amount=Decimal("500"),
            start_month=TODAY.replace(day=1),
        )
        make_case(
            other, state=State.ACCEPTED, decision_due=TODAY - datetime.timedelta(days=1)
        )


def test_percentiles():
    assert median([5, 10, 20]) == 10
    assert median([5, 10]) == 7.5
    assert median([]) is None
    assert percentile([5, 10, 20], 0.9) == 20
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile([], 0.9) is None


def test_who_sees_the_dashboard(client, place, supervisor, officer, user):
    district, street = place["district"], place["street"]
    assert client.get(dashboard_url(street)).status_code == 302
    client.force_login(user)
    assert client.get(dashboard_url(street)).status_code == 403
    client.force_login(officer)
    assert client.get(dashboard_url(street)).status_code == 200
    assert client.get(dashboard_url(district)).status_code == 403
    client.force_login(grant_role(Role.AID_COORDINATOR, community=place["community"]))
    assert client.get(dashboard_url(street)).status_code == 403
    client.force_login(supervisor)
    assert client.get(dashboard_url(district)).status_code == 200
    assert client.get(dashboard_url(street)).status_code == 200


def test_the_dashboard_numbers(client, place, supervisor):
    world(place)
    client.force_login(supervisor)
    response = client.get(dashboard_url(place["district"]))
    context = response.context
    assert context["decided"] == 3
    assert context["median_days"] == 10
    assert context["p90_days"] == 20
    assert context["overdue"] == 1
    assert {c.value: n for c, n in context["refusals"]}["income"] == 1
    by_state = {s.value: n for s, n, _url in context["states"]}
    assert by_state["confirmed"] == 4 and by_state["refused"] == 1
    rows = {row["name"]: row for row in context["recipients"]}
    assert rows[place["community"].name]["households"] == 2
    assert rows[place["community"].name]["amount"] == Decimal("1450.50")
    html = response.content.decode()
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert "1450.50" in html  # the text table repeats the chart's numbers
    assert "收入超标" not in html  # no written reasons on the dashboard


def test_a_day_off_in_the_district_counts_in_the_timeliness(client, place, supervisor):
    from assistance.standards.models import WorkdayOverride

    decided(place["community"], D(2027, 9, 6), D(2027, 9, 13))
    WorkdayOverride.objects.create(
        district=place["district"], date=D(2027, 9, 8), is_workday=False
    )
    client.force_login(supervisor)
    assert client.get(dashboard_url(place["district"])).context["median_days"] == 4


def test_dashboard_queries_do_not_grow(
    client, place, supervisor, django_assert_max_num_queries
):
    world(place)
    client.force_login(supervisor)
    with django_assert_max_num_queries(30) as first:
        client.get(dashboard_url(place["district"]))
    world_more = len(first.captured_queries)
    world(place, extra=6)
    with django_assert_max_num_queries(world_more):
        response = client.get(dashboard_url(place["district"]))
    assert response.context["decided"] == 12


# ---------------------------------------------------------------------------
# The oversight section
# ---------------------------------------------------------------------------
def region_cases(slug: str) -> str:
    return reverse("assistance:region-cases", args=[slug])


def test_section_figures_count_and_link_with_a_filter(place, supervisor, monkeypatch):
    world(place)
    scope = Community.objects.filter(street=place["street"])
    figures = {f.key: f for f in section.figures(scope, supervisor)}
    assert figures["assistance_open"].count == 2
    assert figures["assistance_accepted"].count == 1
    assert figures["assistance_publicity"].count == 1
    assert figures["assistance_overdue"].count == 1
    assert figures["assistance_overdue"].tone == "bad"
    assert figures["assistance_refused_year"].count == 0  # decided in 2027
    assert figures["assistance_accepted"].url == (
        region_cases(place["street"].slug) + "?state=accepted"
    )
    assert "overdue=1" in figures["assistance_overdue"].url
    per = section.per_community(scope, supervisor)
    community = place["community"]
    per_figures = {f.key: f for f in per[community.pk]}
    assert per_figures["assistance_overdue"].count == 1
    assert per_figures["assistance_open"].url == (
        reverse("assistance:cases", args=[community.slug]) + "?state=open"
    )
    assert [f.key for f in per[community.pk]] == list(figures)


def test_refused_this_year(place, supervisor):
    decided(
        place["village"], TODAY - datetime.timedelta(days=1), TODAY, state=State.REFUSED
    )
    scope = Community.objects.filter(pk=place["village"].pk)
    figures = {f.key: f for f in section.figures(scope, supervisor)}
    assert figures["assistance_refused_year"].count == 1


def test_no_links_for_someone_who_may_not_list_the_cases(place, monkeypatch):
    world(place)
    officer = grant_role(Role.STREET_OFFICER, region=place["street"])
    scope = Community.objects.filter(street=place["street"])
    assert all(f.url == "" for f in section.figures(scope, officer))
    assert all(
        f.url == ""
        for figures in section.per_community(scope, officer).values()
        for f in figures
    )


def test_section_queries_are_fixed(place, supervisor, django_assert_num_queries):
    world(place)
    scope = Community.objects.filter(street__parent=place["district"])
    section.figures(scope, supervisor)  # warms the person's grant cache
    with django_assert_num_queries(3):
        section.figures(scope, supervisor)
    world(place, extra=5)
    with django_assert_num_queries(3):
        section.per_community(scope, supervisor)


def test_cases_url_names_the_list_and_its_filter():
    assert (
        section.cases_url(region="r", overdue="1") == region_cases("r") + "?overdue=1"
    )
    assert section.cases_url() == ""


def test_dashboard_links_for_aid_staff(client, place, supervisor, monkeypatch):
    world(place)
    client.force_login(supervisor)
    html = client.get(dashboard_url(place["district"])).content.decode()
    assert region_cases(place["district"].slug) + "?state=confirmed" in html
    assert region_cases(place["district"].slug) + "?overdue=1" in html
