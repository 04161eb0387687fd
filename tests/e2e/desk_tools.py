"""Reaching a staff tool the way staff do: the header's "工作台" (work desk) link,
then the tool's link under the community's name (staff tools are not in the
public community menu, issue 15 §2)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import open_menu


def open_desk_tool(page, community_name: str, label: str) -> None:
    """From any page, open the desk and follow `label` for `community_name`."""
    open_menu(page)
    page.locator("a[data-desk-link]").click()
    expect(page.locator("ul.desk-tools").first).to_be_visible()
    scope = page.locator("ul.desk-tools > li").filter(
        has=page.locator("span.desk-scope", has_text=community_name)
    )
    scope.get_by_role("link", name=label, exact=True).first.click()
