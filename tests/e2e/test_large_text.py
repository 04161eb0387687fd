"""Large-text mode: one click makes every page bigger, until switched back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import in_english, open_menu

pytestmark = pytest.mark.django_db(transaction=True)

ROOT_FONT_SIZE = "parseFloat(getComputedStyle(document.documentElement).fontSize)"


def test_large_text_grows_the_type_sticks_across_pages_and_switches_back(
    live_site, page, community
):
    page.goto(live_site + "/")
    in_english(page, live_site)
    html = page.locator("html")
    expect(html).not_to_have_class("large-text")
    normal = page.evaluate(ROOT_FONT_SIZE)

    open_menu(page)
    page.get_by_role("link", name="Large text").click()
    expect(html).to_have_class("large-text")
    page.wait_for_load_state()
    large = page.evaluate(ROOT_FONT_SIZE)
    assert large > normal * 1.2

    # The next page keeps it.
    page.get_by_role("link", name="幸福里社区").click()
    expect(page.get_by_role("heading", level=1, name="幸福里社区")).to_be_visible()
    expect(html).to_have_class("large-text")
    page.wait_for_load_state()
    assert page.evaluate(ROOT_FONT_SIZE) == large

    open_menu(page)
    page.get_by_role("link", name="Normal text").click()
    expect(page.get_by_role("heading", level=1, name="幸福里社区")).to_be_visible()
    expect(html).not_to_have_class("large-text")
    page.wait_for_load_state()
    assert page.evaluate(ROOT_FONT_SIZE) == normal
    open_menu(page)
    expect(page.get_by_role("link", name="Large text")).to_be_visible()
