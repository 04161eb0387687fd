"""The phone-first header (issue 15 §3), as the server renders it: the menu is a
<details> (no JavaScript needed) holding the community navigation and the account
links, and search is a link in the header row, outside the menu."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import CommunityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    return html[html.index('<header class="site-header"') : html.index("</header>")]


def _menu(header: str) -> str:
    return header[
        header.index('<details class="site-menu"') : header.index("</details>")
    ]


def test_the_community_menu_is_collapsed_in_a_details_and_search_is_outside(client):
    community = CommunityFactory()
    page = reverse("volunteers:activity-list", args=[community.slug])
    header = _header(client.get(page).content.decode())
    menu = _menu(header)
    assert '<details class="site-menu" data-site-menu>' in header  # closed: no `open`
    assert re.search(r"<summary[^>]*>.*Menu.*</summary>", menu, re.DOTALL)
    assert 'class="community-nav"' in menu
    assert 'aria-label="Language"' in menu and 'aria-label="Text size"' in menu
    outside = header.replace(menu, "")
    assert f'href="/search/?community={community.slug}"' in outside
    assert 'href="/accounts/login/"' in outside


def test_a_signed_in_persons_account_links_are_in_the_menu_and_the_badge_outside(
    client,
):
    client.force_login(UserFactory())
    header = _header(client.get("/").content.decode())
    menu = _menu(header)
    assert 'href="/accounts/logout/"' in menu
    assert "data-unread-count" in header.replace(menu, "")


def test_the_menu_button_is_translated(zh_client):
    header = _header(zh_client.get("/").content.decode())
    assert "<span>菜单</span>" in _menu(header)
