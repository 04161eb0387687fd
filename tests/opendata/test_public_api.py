"""The public API: only what the pages show, paginated, filtered, in both
languages, cached like the pages, bad input answered with 400, CSV formula-safe,
and a fixed number of queries per list whatever the number of records."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opendata.urls import PUBLIC, _name
from tests.charity.factories import PublicProjectFactory
from tests.support.governance_disclosures import add_disclosure, finance_body
from tests.support.governance_notices import add_notice
from tests.volunteers.factories import ActivityFactory, ShiftFactory

pytestmark = pytest.mark.django_db

LISTS = [_name(prefix) for prefix, *_rest in PUBLIC]


def url(name: str, **query) -> str:
    path = reverse(f"opendata:{name}-list")
    if query:
        path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return path


def test_notices_list_only_published_with_community(client, community, records):
    data = client.get(url("notices")).json()
    titles = [n["title"] for n in data["results"]]
    assert titles == ["停水通知"]
    assert data["results"][0]["community"] == {
        "slug": community.slug,
        "name": community.name,
    }
    assert data["count"] == 1 and data["next"] is None


def test_disclosures_carry_finance_lines_and_versions(client, records):
    item = client.get(url("disclosures")).json()["results"][0]
    assert item["title"] == "一季度财务"
    assert item["finance_lines"], "the finance table's lines are listed"
    assert {line["kind"] for line in item["finance_lines"]} <= {
        "income",
        "expenditure",
    }


def test_draft_activity_is_not_listed_and_places_left_are(client, records):
    data = client.get(url("activities")).json()
    assert [a["title"] for a in data["results"]] == ["探访老人"]
    shift = data["results"][0]["shifts"][0]
    assert shift["capacity"] == 3 and shift["places_left"] == 3
    hidden = records["hidden"]
    detail = reverse("opendata:activities-detail", args=[hidden.pk])
    assert client.get(detail).status_code == 404


def test_project_ledger_reconciles(client, records):
    project = records["project"]
    ledger = client.get(reverse("opendata:projects-ledger", args=[project.pk])).json()
    assert ledger["balance"] == "0.00" and ledger["donations"] == []


def test_filters_by_community_and_dates(client, community, make_community, records):
    other = make_community(slug="other")
    add_notice(other, title="别处通知")
    assert client.get(url("notices")).json()["count"] == 2
    mine = client.get(url("notices", community=community.slug)).json()
    assert [n["title"] for n in mine["results"]] == ["停水通知"]
    assert client.get(url("notices", since="2999-01-01")).json()["count"] == 0
    assert client.get(url("notices", until="2000-01-01")).json()["count"] == 0


@pytest.mark.parametrize(
    "query",
    [
        {"community": "no-such-place"},
        {"since": "yesterday"},
        {"until": "2026-13-01"},
        {"since": "2026-05-01", "until": "2026-01-01"},
    ],
)
def test_bad_filters_are_a_clear_400(client, records, query):
    response = client.get(url("notices", **query))
    assert response.status_code == 400
    field = next(iter(query)) if len(query) == 1 else "until"
    assert field in response.json()


@pytest.mark.parametrize("name", LISTS)
def test_every_list_answers_with_a_page(client, records, name):
    data = client.get(url(name, page_size=1)).json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert client.get(url(name, page=999)).status_code == 404


def test_language_by_parameter_and_header(client, zh_client, records):
    english = client.get(url("disclosures")).json()["results"][0]
    chinese = zh_client.get(url("disclosures")).json()["results"][0]
    forced = client.get(url("disclosures", lang="zh-hans")).json()["results"][0]
    assert english["category_label"] != chinese["category_label"]
    assert forced["category_label"] == chinese["category_label"]


def test_anonymous_lists_are_cached_like_the_pages(client, records):
    first = client.get(url("notices"))
    second = client.get(url("notices"))
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert "Accept-Language" in first["Vary"] and "Cookie" in first["Vary"]
    add_notice(records["notice"].get_parent().specific.community, title="新通知")
    assert client.get(url("notices")).json()["count"] == 2


def test_csv_is_formula_safe(client, community):
    add_notice(community, title='=HYPERLINK("http://evil")', summary="+1+1")
    response = client.get(url("notices", format="csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["title"].startswith("'=")
    assert rows[0]["summary"] == "'+1+1"
    assert rows[0]["community.slug"] == community.slug


def test_unknown_format_is_not_a_server_error(client, records):
    assert client.get(url("notices", format="xml")).status_code == 404


# ---------------------------------------------------------------------------
# Query counts: pinned, and the same for one record or several
# ---------------------------------------------------------------------------
def _more(community, n: int) -> None:
    for i in range(n):
        add_notice(community, title=f"通知{i}")
        add_disclosure(community, title=f"公开{i}", body=finance_body())
        activity = ActivityFactory(community=community)
        ShiftFactory(activity=activity)
        PublicProjectFactory(organisation__community=community, community=community)


def _count(client, path: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


# Lists with records (notices: the site root for page URLs; disclosures: versions;
# activities: shifts) and, for kinds this scene leaves empty, the count alone.
PINNED = {
    "communities": 2,
    "notices": 5,
    "disclosures": 6,
    "charters": 2,
    "consultations": 1,
    "votes": 1,
    "resolutions": 1,
    "followups": 1,
    "activities": 3,
    "projects": 2,
    "assistance-standards": 1,
    "assistance-publicity": 1,
}


def test_query_counts_are_pinned_and_do_not_grow(client, community, records):
    before = {name: _count(client, url(name)) for name in LISTS}
    _more(community, 3)
    after = {name: _count(client, url(name)) for name in LISTS}
    assert before == after
    assert after == PINNED, " ".join(f"{k}={v}" for k, v in after.items())
