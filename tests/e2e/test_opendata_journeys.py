"""A visitor on a community's notices list downloads what it shows as JSON and as
CSV, and reaches the API's doc page from the portal's footer."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.governance_notices import add_notice

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


def test_a_visitor_downloads_the_notices_as_json_and_csv(live_site, page, community):
    add_notice(community, title="本周六停水通知")
    add_notice(community, title="=1+1 公式标题")
    page.goto(f"{live_site}/{community.slug}/notices/")
    links = page.locator(".export-links")
    with page.expect_download() as info:
        links.get_by_role("link", name="JSON").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    titles = {n["title"] for n in data["results"]}
    assert titles == {"本周六停水通知", "=1+1 公式标题"}
    with page.expect_download() as info:
        links.get_by_role("link", name="CSV").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["title"] for r in rows} == {"本周六停水通知", "'=1+1 公式标题"}
    assert {r["community.slug"] for r in rows} == {community.slug}


def test_the_api_doc_page_is_reached_from_the_portal(live_site, page, community):
    page.goto(f"{live_site}/")
    page.locator("footer a[href='/api/']").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("API")
    expect(page.get_by_text("/api/v1/notices/", exact=True)).to_be_visible()
    # The document itself (YAML downloads; its JSON form is read here).
    expect(page.locator("a[href='/api/v1/schema/']")).to_be_visible()
    schema = page.request.get(f"{live_site}/api/v1/schema/?format=json").json()
    assert schema["openapi"].startswith("3.") and "/api/v1/notices/" in schema["paths"]
