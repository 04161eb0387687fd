"""The Atom feed of a community's notices."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output in tests

import pytest
from django.utils import timezone

from tests.support.governance_notices import add_notice

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_is_atom_and_lists_published_notices_only(client, community):
    add_notice(community, title="已发布通知")
    add_notice(community, title="草稿通知", publish=False)
    add_notice(
        community,
        title="定时通知",
        go_live_at=timezone.now() + datetime.timedelta(days=1),
    )
    add_notice(
        community,
        title="过期通知",
        expire_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    response = client.get(f"/{community.slug}/notices/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["已发布通知"]
    link = next(root.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert f"/{community.slug}/notices/notice-" in link


def test_the_feed_of_another_community_lists_none_of_these(
    client, community, make_community
):
    other = make_community()
    add_notice(community, title="只属于本社区")
    response = client.get(f"/{other.slug}/notices/feed/")
    assert "只属于本社区" not in response.content.decode()


def test_the_notice_list_links_its_feed(client, community):
    page = client.get(f"/{community.slug}/notices/").content.decode()
    assert f'href="/{community.slug}/notices/feed/"' in page
    assert 'type="application/atom+xml"' in page


def test_an_unknown_community_has_no_feed(client, db):
    assert client.get("/nowhere/notices/feed/").status_code == 404
