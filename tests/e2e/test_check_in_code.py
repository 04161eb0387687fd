"""The check-in code page brings in a new code every minute without reloading
(a timed <meta> refresh moved screen readers to the top and could not be stopped,
WCAG 2.2.1): static/js/check-in-code.js fetches the page and swaps the code."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_phone_fit import session_cookie
from tests.volunteers.records.helpers import coordinator_of, team_shift

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_check_in_code_is_renewed_in_place_every_minute(live_site, browser):
    shift = team_shift(hours=3)
    url = live_site + reverse(
        "volunteers:check-in-code", args=[shift.activity.community.slug, shift.pk]
    )
    context = browser.new_context(locale="en")
    context.add_cookies([session_cookie(coordinator_of(shift), live_site)])
    page = context.new_page()
    try:
        page.clock.install()
        page.goto(url)
        expect(page.locator("meta[http-equiv='refresh']")).to_have_count(0)
        expect(page.get_by_role("link", name="Show a new code")).to_have_attribute(
            "href", url.removeprefix(live_site)
        )
        page.evaluate("() => { window.gzSamePage = true; }")
        with page.expect_response(lambda response: response.url == url) as fetched:
            page.clock.run_for(61_000)
        assert fetched.value.status == 200
        # Swapped in (same or newer code), the page itself not reloaded.
        fresh = re.search(
            r'<img src="([^"]+)"[^>]*data-check-in-qr', fetched.value.text()
        )
        expect(page.locator("img[data-check-in-qr]")).to_have_attribute(
            "src", fresh.group(1)
        )
        assert page.evaluate("() => window.gzSamePage") is True
    finally:
        context.close()
