"""The oversight dashboards: who opens them, what they show, where numbers lead."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.models import Community, Role
from communities.oversight.dashboards import with_community
from tests.governance.dashboards.conftest import officer
from tests.support.governance_notices import add_notice

pytestmark = pytest.mark.django_db


def dashboard(community) -> str:
    return f"/{community.slug}/dashboard/"


def region_dashboard(region) -> str:
    return f"/regions/{region.slug}/dashboard/"


def main(response) -> str:
    assert response.status_code == 200
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


# ---------------------------------------------------------------------------
# Who may open them
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "who",
    ["committee_member", "supervision_member", "street_officer", "district_officer"],
)
def test_overseers_open_the_community_dashboard(client, community, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(dashboard(community)).status_code == 200


def test_residents_and_other_communities_committees_are_refused(
    client, community, resident, make_community
):
    client.force_login(resident)
    assert client.get(dashboard(community)).status_code == 403
    other = make_community(slug="other")
    client.force_login(officer(Role.COMMITTEE, community=other))
    assert client.get(dashboard(community)).status_code == 403


def test_visitors_are_sent_to_sign_in(client, community):
    response = client.get(dashboard(community))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_committee_member_without_totp_is_told_to_set_it_up(client, community):
    client.force_login(officer(Role.COMMITTEE, community=community, totp=False))
    response = client.get(dashboard(community))
    assert response.status_code == 403
    assert "two-factor" in response.content.decode().lower()


def test_the_region_dashboard_is_for_the_regions_officers(
    client, community, street_officer, district_officer, committee_member
):
    street, district = community.street, community.street.parent
    client.force_login(street_officer)
    assert client.get(region_dashboard(street)).status_code == 200
    assert client.get(region_dashboard(district)).status_code == 403
    client.force_login(district_officer)
    assert client.get(region_dashboard(district)).status_code == 200
    assert client.get(region_dashboard(street)).status_code == 200
    client.force_login(committee_member)
    assert client.get(region_dashboard(street)).status_code == 403


def test_links_in_the_navigation_only_for_those_allowed(
    client, community, committee_member, resident, street_officer
):
    link = f'href="{dashboard(community)}"'
    assert link not in client.get(f"/{community.slug}/").content.decode()
    client.force_login(resident)
    assert link not in client.get(f"/{community.slug}/").content.decode()
    client.force_login(committee_member)
    assert link not in client.get(f"/{community.slug}/").content.decode()
    assert link in client.get("/desk/").content.decode()  # staff tools: the desk
    client.force_login(street_officer)
    overview = client.get(f"/regions/{community.street.slug}/").content.decode()
    assert f'href="{region_dashboard(community.street)}"' in overview


# ---------------------------------------------------------------------------
# What they show
# ---------------------------------------------------------------------------
def test_the_notices_section_counts_published_scheduled_and_expired(
    client, community, committee_member
):
    add_notice(community, title="已发布")
    add_notice(community, title="草稿", publish=False)
    add_notice(
        community, title="定时", go_live_at=timezone.now() + datetime.timedelta(days=1)
    )
    add_notice(
        community,
        title="已过期",
        expire_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    client.force_login(committee_member)
    response = client.get(dashboard(community))
    totals = {
        f["key"]: f
        for s in response.context["sections"]
        if s.key == "notices"
        for f in s.totals
    }
    assert {k: f["count"] for k, f in totals.items()} == {
        "published": 1,
        "scheduled": 1,
        "expired": 1,
    }
    assert totals["scheduled"]["url"] == (
        f"/oversight/notices/?state=scheduled&community={community.slug}"
    )
    assert f'href="{totals["scheduled"]["url"].replace("&", "&amp;")}"' in main(
        response
    )


def test_a_number_leads_to_the_items_behind_it(client, community, street_officer):
    add_notice(
        community, title="下周停电", go_live_at=timezone.now() + datetime.timedelta(1)
    )
    add_notice(community, title="已发布的通知")
    client.force_login(street_officer)
    page = main(
        client.get(f"/oversight/notices/?state=scheduled&community={community.slug}")
    )
    assert "下周停电" in page and "已发布的通知" not in page


def test_the_items_list_refuses_communities_the_person_does_not_oversee(
    client, community, make_community, committee_member
):
    other = make_community(slug="other")
    add_notice(other, title="别的社区的通知")
    client.force_login(committee_member)
    refused = client.get(f"/oversight/notices/?state=published&community={other.slug}")
    assert refused.status_code == 403
    everything = main(client.get("/oversight/notices/?state=published"))
    assert "别的社区的通知" not in everything


def test_the_items_list_is_refused_to_people_who_oversee_nothing(client, resident):
    client.force_login(resident)
    assert client.get("/oversight/notices/").status_code == 403


def test_the_region_dashboard_has_a_row_per_community_with_filtered_links(
    client, community, make_community, street_officer
):
    other = make_community(slug="other")
    add_notice(community)
    add_notice(other)
    add_notice(other)
    client.force_login(street_officer)
    response = client.get(region_dashboard(community.street))
    notices = next(s for s in response.context["sections"] if s.key == "notices")
    rows = {row.community.slug: row for row in notices.rows}
    assert set(rows) == {community.slug, "other"}
    published = [key for key, _label in notices.columns].index("published")
    assert rows["other"].cells[published].count == 2
    assert rows["other"].cells[published].url == (
        "/oversight/notices/?state=published&community=other"
    )
    totals = {f["key"]: f for f in notices.totals}
    assert totals["published"]["count"] == 3
    assert totals["published"]["url"] == "/oversight/notices/?state=published"
    page = main(response)
    assert (
        'href="/oversight/notices/?state=published&amp;community=other">2</a>' in page
    )


def test_a_fake_disclosures_section_gets_links_per_community_and_a_chart(
    client, community, make_community, street_officer, fake_disclosures
):
    other = make_community(slug="other")
    fake_disclosures[community.pk] = (12, 10, 2)
    fake_disclosures[other.pk] = (12, 6, 5)
    client.force_login(street_officer)
    page = main(client.get(region_dashboard(community.street)))
    assert (
        'href="/oversight/disclosures/?status=overdue&amp;community=other">5</a>'
        in page
    )
    assert (
        'href="/oversight/disclosures/?status=overdue"><span class="figure-count">7'
        in page
    )
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg
    assert '<title id="chart-title">' in svg and '<desc id="chart-desc">' in svg
    assert 'aria-labelledby="chart-title chart-desc"' in svg
    assert "16 disclosures published on time and 7 overdue, of 24 due" in svg
    # Bars scale to the largest number of due items: 6/12 on time, 5/12 overdue.
    assert 'width="50.00%" height="1.3em" class="chart-on-time"' in svg
    assert 'x="50.00%"' in svg and 'width="41.67%"' in svg
    # The screen readers' table, inside a visually hidden block (it would widen a
    # phone's page otherwise).
    table = re.search(
        r'<div class="visually-hidden"><table>.*?</table></div>', page, re.S
    )
    row = f'<th scope="row">{other.name}</th><td>12</td><td>6</td><td>5</td>'
    assert table and row in table.group(0)
    assert "<script" not in page


def test_the_community_dashboard_draws_its_one_bar_and_filters_links(
    client, community, committee_member, fake_disclosures
):
    fake_disclosures[community.pk] = (4, 3, 1)
    client.force_login(committee_member)
    page = main(client.get(dashboard(community)))
    assert (
        f'href="/oversight/disclosures/?status=overdue&amp;community={community.slug}"'
        in page
    )
    assert "3 disclosures published on time and 1 overdue, of 4 due" in page


def test_no_disclosures_section_means_no_chart(
    client, community, committee_member, monkeypatch
):
    from communities import oversight

    monkeypatch.delitem(oversight._SECTIONS, "disclosures", raising=False)
    client.force_login(committee_member)
    page = main(client.get(dashboard(community)))
    assert "<svg" not in page
    assert "Notices" in page


def test_links_already_in_the_community_are_left_alone(community):
    inside = f"/{community.slug}/disclosures/?status=overdue"
    assert with_community(inside, community) == inside
    assert with_community("/x/?community=a", community) == "/x/?community=a"
    assert with_community("/x/?a=1", community) == f"/x/?a=1&community={community.slug}"
    assert with_community("", community) == ""


# ---------------------------------------------------------------------------
# Queries do not grow with the number of communities
# ---------------------------------------------------------------------------
def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def test_the_region_dashboard_keeps_a_fixed_number_of_queries(
    client, community, make_community, district_officer, fake_disclosures
):
    add_notice(community)
    client.force_login(district_officer)
    path = region_dashboard(community.street.parent)
    client.get(path)
    few = _queries(client, path)
    for number in range(5):
        extra = make_community(slug=f"more-{number}")
        add_notice(extra)
        add_notice(extra, go_live_at=timezone.now() + datetime.timedelta(days=1))
        fake_disclosures[extra.pk] = (3, 2, 1)
    assert Community.objects.count() == 6
    assert _queries(client, path) == few


def test_the_items_list_keeps_a_fixed_number_of_queries(
    client, community, make_community, district_officer
):
    add_notice(community)
    client.force_login(district_officer)
    path = "/oversight/notices/?state=published"
    client.get(path)
    few = _queries(client, path)
    for number in range(4):
        add_notice(make_community(slug=f"more-{number}"))
    assert _queries(client, path) == few


def test_the_community_dashboard_keeps_a_fixed_number_of_queries(
    client, community, committee_member, fake_disclosures
):
    add_notice(community)
    client.force_login(committee_member)
    path = dashboard(community)
    client.get(path)
    few = _queries(client, path)
    for _ in range(5):
        add_notice(community)
        add_notice(community, go_live_at=timezone.now() + datetime.timedelta(days=1))
    assert _queries(client, path) == few


def test_the_chart_is_sized_in_em_and_percent_so_large_text_and_phones_scale_it(
    client, community, committee_member, fake_disclosures
):
    fake_disclosures[community.pk] = (10, 7, 2)
    client.force_login(committee_member)
    svg = re.search(r"<svg.*?</svg>", main(client.get(dashboard(community))), re.S)
    svg = svg.group(0)
    assert 'width="100%"' in svg and "height: 5.1em" in svg
    assert "viewBox" not in svg  # text is not shrunk with the drawing
    for height in re.findall(r'height="([^"]+)"', svg):
        assert height.endswith("em")
    for width in re.findall(r'<rect[^>]* width="([^"]+)"', svg):
        assert width.endswith("%")
