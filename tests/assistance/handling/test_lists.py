"""The case lists of a community and of a street or district: who sees them,
the filters, masked names, no read logged, and a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assistance.cases.models import CaseRead
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def community_list(community):
    return reverse("assistance:cases", args=[community.slug])


def region_list(region):
    return reverse("assistance:region-cases", args=[region.slug])


def test_a_coordinator_lists_the_communitys_cases(
    signed_in, make_case, coordinator, community
):
    case = make_case(relative_registered=True)
    make_case("draft")
    response = signed_in(coordinator).get(community_list(community))
    assert response.status_code == 200
    body = response.content.decode()
    assert case.tracking_number in body
    assert "张*明" in body and "张三明" not in body
    assert "Relative of staff" in body
    assert len(response.context["rows"]) == 1  # drafts are not listed
    assert not CaseRead.objects.exists()  # a list shows no file content


@pytest.mark.parametrize("who", ["committee_member", "other_officer", "applicant"])
def test_others_may_not_list_a_communitys_cases(request, signed_in, community, who):
    user = request.getfixturevalue(who)
    assert signed_in(user).get(community_list(community)).status_code == 403


def test_filters_and_overdue_badge(signed_in, make_case, coordinator, community):
    late = make_case("accepted", accepted_days_ago=60)
    late.decision_due = timezone.localdate() - datetime.timedelta(days=3)
    late.save()
    temporary = make_case(kind="temporary", temporary_cause="emergency")
    client = signed_in(coordinator)
    url = community_list(community)

    rows = client.get(url, {"overdue": "on"}).context["rows"]
    assert [r["case"] for r in rows] == [late] and rows[0]["overdue"]
    assert rows[0]["days_left"] < 0
    assert "Overdue" in client.get(url, {"overdue": "on"}).content.decode()

    rows = client.get(url, {"kind": "temporary"}).context["rows"]
    assert [r["case"] for r in rows] == [temporary]
    rows = client.get(url, {"state": "accepted"}).context["rows"]
    assert [r["case"] for r in rows] == [late]


@pytest.mark.parametrize(
    "query",
    [
        {"state": "nonsense"},
        {"kind": "<script>"},
        {"page": "-3"},
        {"page": "99999999999999999999"},
        {"overdue": "maybe", "state": "draft"},
    ],
)
def test_garbage_filters_never_fail(
    signed_in, make_case, coordinator, community, query
):
    make_case()
    response = signed_in(coordinator).get(community_list(community), query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_street_officers_and_supervisors_list_their_regions(
    signed_in, make_case, community, officer, supervisor, other_officer
):
    case = make_case()
    neighbour = CommunityFactory(street=community.street)
    other = make_case(community=neighbour)
    street, district = community.street, community.street.parent
    for user, region in ((officer, street), (supervisor, district)):
        response = signed_in(user).get(region_list(region))
        assert response.status_code == 200
        listed = {r["case"] for r in response.context["rows"]}
        assert listed == {case, other}
        filtered = signed_in(user).get(
            region_list(region), {"community": neighbour.slug}
        )
        assert [r["case"] for r in filtered.context["rows"]] == [other]
    assert signed_in(other_officer).get(region_list(street)).status_code == 403
    assert signed_in(officer).get(region_list(district)).status_code == 403


def test_a_community_outside_the_region_is_not_a_filter(
    signed_in, make_case, community, officer
):
    make_case()
    stranger = CommunityFactory()
    response = signed_in(officer).get(
        region_list(community.street), {"community": stranger.slug}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert len(response.context["rows"]) == 1


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_queries_do_not_grow_with_the_cases(
    signed_in, make_case, community, coordinator, officer, django_assert_max_num_queries
):
    for days in (1, 2, 3):
        make_case("accepted", accepted_days_ago=days)
    client = signed_in(coordinator)
    url = community_list(community)
    few = count_queries(client, url)
    for days in range(25):
        make_case("accepted", accepted_days_ago=days % 5 + 1)
        make_case(community=CommunityFactory(street=community.street))
    assert count_queries(client, url) == few
    with django_assert_max_num_queries(10):
        client.get(url)

    client = signed_in(officer)
    url = region_list(community.street)
    few = count_queries(client, url)
    for _ in range(10):
        make_case(community=CommunityFactory(street=community.street))
    assert count_queries(client, url) == few
    with django_assert_max_num_queries(12):
        client.get(url)


def test_navigation_leads_staff_to_the_lists(
    signed_in, community, coordinator, officer
):
    body = signed_in(coordinator).get(community_list(community)).content.decode()
    assert community_list(community) in body
    body = signed_in(officer).get(region_list(community.street)).content.decode()
    assert region_list(community.street) in body


def test_a_decided_case_counts_no_working_days_left(
    signed_in, make_case, coordinator, community
):
    decided = make_case("confirmed", monthly_amount=700)
    decided.decision_due = timezone.localdate() + datetime.timedelta(days=20)
    decided.save(update_fields=["decision_due"])
    client = signed_in(coordinator)
    rows = client.get(community_list(community), {"state": "confirmed"}).context["rows"]
    assert [r["case"] for r in rows] == [decided] and rows[0]["days_left"] is None
    page = client.get(reverse("assistance:case", args=[decided.tracking_number]))
    assert page.context["days_left"] is None
    assert "working days left" not in page.content.decode()
