"""The public disclosure board and pages: filters, approver, feed, cache, queries."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.disclosures.services import objections, resolutions, workflow
from governance.models import DisclosureIndexPage
from tests.support.governance_disclosures import add_disclosure, finance_body, submit
from tests.support.governance_notices import add_notice

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _approved_finance(community, editor, reviewer, **fields):
    page = add_disclosure(
        community,
        category="finance",
        body=finance_body(),
        user=editor,
        publish=False,
        **fields,
    )
    submit(page, editor)
    workflow.approve(actor=reviewer, page=page)
    page.refresh_from_db()
    return page


def test_the_board_is_at_the_community_disclosures_path(client, community):
    index = DisclosureIndexPage.objects.get(community=community)
    assert index.url == f"/{community.slug}/disclosures/"
    assert client.get(index.url).status_code == 200


def test_the_board_filters_by_category_and_year_and_hides_drafts(
    client, community, editor
):
    add_disclosure(community, user=editor, title="服务公开甲")
    add_disclosure(community, user=editor, title="党务公开乙", category="party")
    add_disclosure(
        community,
        user=editor,
        title="去年的服务",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 3, 31),
    )
    add_disclosure(community, user=editor, title="草稿公开", publish=False)
    url = f"/{community.slug}/disclosures/"
    html = client.get(url).content.decode()
    assert "服务公开甲" in html and "党务公开乙" in html and "草稿公开" not in html
    party = client.get(url + "?category=party").content.decode()
    assert "党务公开乙" in party and "服务公开甲" not in party
    year = client.get(url + "?year=2025").content.decode()
    assert "去年的服务" in year and "服务公开甲" not in year
    # nonsense filters are ignored, not errors
    assert client.get(url + "?category=<x>&year=abcd").status_code == 200


def test_the_board_runs_a_fixed_number_of_queries(client, community, editor):
    url = f"/{community.slug}/disclosures/"
    add_disclosure(community, user=editor)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url + "?x=1")
    for _n in range(6):
        add_disclosure(community, user=editor)
    with CaptureQueriesContext(connection) as many:
        client.get(url + "?x=2")
    assert len(many) == len(few)


def test_the_finance_page_shows_computed_totals_and_the_approver(
    client, community, editor, reviewer
):
    reviewer.display_name = "监督员老王"
    reviewer.save()
    page = _approved_finance(community, editor, reviewer)
    html = client.get(page.url).content.decode()
    assert "10000.00" in html and "2800.50" in html  # expenditure total
    assert "7199.50" in html  # balance
    assert "Approved by 监督员老王" in html
    assert "Question this line" in html
    assert "csrfmiddlewaretoken" not in html


def test_the_disclosure_page_query_count_does_not_grow_with_objections(
    client, community, editor, reviewer, resident
):
    page = _approved_finance(community, editor, reviewer)
    client.get(page.url)
    objections.file_objection(actor=resident, page=page, text="第一个问题请回答")
    with CaptureQueriesContext(connection) as few:
        client.get(page.url + "?a=1")
    for n in range(3):
        objections.file_objection(actor=resident, page=page, text=f"更多的问题{n}号")
    with CaptureQueriesContext(connection) as many:
        client.get(page.url + "?a=2")
    assert len(many) == len(few)


def test_publishing_and_answering_retire_the_cached_pages(
    client, community, editor, resident
):
    board = f"/{community.slug}/disclosures/"
    first = client.get(board)
    assert first["X-Page-Cache"] == "miss"
    assert client.get(board)["X-Page-Cache"] == "hit"
    page = add_disclosure(community, user=editor, title="新的公开")
    fresh = client.get(board)
    assert fresh["X-Page-Cache"] == "miss" and "新的公开" in fresh.content.decode()
    client.get(page.url)
    objection = objections.file_objection(
        actor=resident, page=page, text="请问办理地点在哪"
    )
    objections.answer_objection(
        actor=editor, objection=objection, answer="在社区服务中心一楼"
    )
    assert "在社区服务中心一楼" in client.get(page.url).content.decode()


def test_the_community_feed_carries_notices_and_disclosures(client, community, editor):
    add_notice(community, title="一则通知")
    add_disclosure(community, user=editor, title="一则公开", category="party")
    add_disclosure(community, user=editor, title="未发布公开", publish=False)
    for url in (f"/{community.slug}/feed/", f"/{community.slug}/notices/feed/"):
        root = ET.fromstring(client.get(url).content)  # noqa: S314
        titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
        assert "一则通知" in titles
        assert any("一则公开" in t for t in titles)
        assert not any("未发布公开" in t for t in titles)


def test_publish_resolution_publishes_or_submits(community, resident):
    page = resolutions.publish_resolution(
        community, "关于加装电梯的协商结果", "同意加装。\n\n费用按楼层分摊。"
    )
    assert page.live and page.category == "affairs"
    assert "费用按楼层分摊" in page.plain_text()
    finance = resolutions.publish_resolution(
        community, "加装电梯费用", "总费用40万元", category="finance"
    )
    assert not finance.live and finance.workflow_in_progress
