"""When the live connection is down, a page says so, and stops saying so once it is back.

The websocket server or its channel layer (Redis) can be away while pages still load
from the database; the person must not take a stale badge or tally for a live one.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import make_person, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_page_says_when_live_updates_are_down_and_when_they_are_back(live_site, page):
    person = make_person(
        email="li.ming@example.org", display_name="李明", real_name="李明"
    )
    server = {"up": True}

    def websocket(route):
        if server["up"]:
            route.connect_to_server()
        else:
            route.close(code=1011, reason="server away")

    page.route_web_socket(re.compile(r"/ws/"), websocket)
    sign_in(page, live_site, person.email)
    note = page.locator("[data-live-status]")
    page.wait_for_timeout(3000)  # longer than the note's grace period
    expect(note).to_be_hidden()

    server["up"] = False
    page.reload()
    expect(note).to_be_visible(timeout=10_000)
    expect(note).to_contain_text("Live updates are interrupted")
    expect(note).to_have_attribute("role", "status")

    server["up"] = (
        True  # the next reconnect attempt (back-off at most 8 s here) succeeds
    )
    expect(note).to_be_hidden(timeout=20_000)
