"""axe-core finds no accessibility violations in the Wagtail editor (issue 15 §5).

The editor as a committee member uses it: the dashboard, the page explorer, a
notice's edit view, a new notice's create view, and the work desk. The site's own
pages (one of each kind the reachability crawl reaches, for an anonymous visitor,
a resident and a committee member, some in large text) are checked by axe on the
same visit that measures their fit on a phone: `test_phone_fit.py`.

Marked `frontend`: these check markup only, whatever the database.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import report, violations
from tests.e2e.conftest import make_committee_member, sign_in
from tests.support.governance_notices import add_notice

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.frontend]

DESKTOP = {"width": 1280, "height": 900}


def test_the_wagtail_editor_and_the_desk_have_no_axe_violations(
    live_site, browser, community
):
    member, secret = make_committee_member(community, email="wu.zhang.ai@example.org")
    member.preferred_language = "zh-hans"
    member.save()
    notice = add_notice(community, title="停水通知")
    index = notice.get_parent()
    context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
    context.set_default_navigation_timeout(20_000)
    page = context.new_page()
    found: list[tuple[str, str]] = []
    try:
        sign_in(page, live_site, member.email, totp_secret=secret, english=False)
        # Each page is checked once Wagtail's React parts (sidebar, Draftail) have
        # rendered and static/js/admin-a11y.js has named them.
        sidebar = "form[role='search'][action$='/pages/search/'][aria-label]"
        editor = ".Draftail-Editor [role='textbox'][aria-labelledby]"
        for path, ready in (
            ("/admin/", sidebar),
            (f"/admin/pages/{index.pk}/", sidebar),
            (f"/admin/pages/{notice.pk}/edit/", editor),
            (f"/admin/pages/add/governance/noticepage/{index.pk}/", editor),
            ("/desk/", "main h1"),
        ):
            page.goto(live_site + path, wait_until="load")
            expect(page.locator(ready).first).to_be_visible()
            found += violations(page)
    finally:
        context.close()
    assert not found, report(found)
