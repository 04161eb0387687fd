"""axe-core finds no accessibility violations (issue 15 §5).

Every kind of page the reachability crawl reaches (one page per shape, see
`test_phone_fit.pages_for`), for an anonymous visitor, a resident and a committee
member, on a desktop screen; a few of them again in large-text mode. Then the
Wagtail editor as a committee member uses it: the dashboard, the page explorer,
a notice's edit view, a new notice's create view, and the work desk.

Marked `frontend`: these check markup only, whatever the database.
"""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from accounts.preferences import LARGE_TEXT_COOKIE
from tests.e2e.axe import report, violations
from tests.e2e.conftest import make_committee_member, sign_in
from tests.e2e.test_phone_fit import WHO, pages_for, session_cookie
from tests.platform.test_reachability import crawl, world  # noqa: F401
from tests.support.governance_notices import add_notice

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.frontend]

DESKTOP = {"width": 1280, "height": 900}


def kinds_for(who: str, people) -> list[str]:
    """One path per kind of page this person reaches: the crawl's page shapes
    (`pages_for`), then one page per top-level template (the oversight lists
    "due", "overdue", "on time" differ by a slug only, and share one template)."""
    client = Client()
    if who != "anonymous":
        client.force_login(people[who])
    kinds: dict[str, str] = {}
    for path in pages_for(who, people):
        response = client.get(path)
        templates = [t.name for t in response.templates if t.name]
        kinds.setdefault(templates[0] if templates else path, path)
    return sorted(kinds.values())


def _large_text_sample(paths: list[str], community) -> list[str]:
    """The portal home, the community's home, and a page with a form."""
    forms = [p for p in paths if any(w in p for w in ("apply", "new", "signup"))]
    return ["/", f"/{community.slug}/", *forms[:1]]


def _context(browser, base_url: str, who: str, people):
    context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
    context.set_default_navigation_timeout(20_000)
    if who == "anonymous":
        context.add_cookies(
            [{"name": LARGE_TEXT_COOKIE, "value": "0", "url": base_url}]
        )
    else:
        context.add_cookies([session_cookie(people[who], base_url)])
    return context


def _set_large_text(context, base_url: str, who: str, people) -> None:
    if who == "anonymous":
        context.add_cookies(
            [{"name": LARGE_TEXT_COOKIE, "value": "1", "url": base_url}]
        )
    else:
        people[who].large_text = True
        people[who].save(update_fields=["large_text"])


@pytest.mark.parametrize("who", WHO)
def test_every_crawled_page_has_no_axe_violations(
    who,
    world,  # noqa: F811  (the reachability crawl's fixture)
    live_site,
    browser,
):
    paths = kinds_for(who, world)
    assert len(paths) > 10, paths
    context = _context(browser, live_site, who, world)
    page = context.new_page()
    found: list[tuple[str, str]] = []
    checked = 0
    try:
        for path in paths:
            response = page.goto(live_site + path, wait_until="load")
            if response is None or response.status != 200:
                continue
            checked += 1
            found += violations(page)
        _set_large_text(context, live_site, who, world)
        for path in _large_text_sample(paths, world["community"]):
            page.goto(live_site + path, wait_until="load")
            expect(page.locator("html.large-text")).to_have_count(1)
            checked += 1
            found += [(f"{url} (large text)", p) for url, p in violations(page)]
    finally:
        context.close()
    assert checked > 10
    assert not found, report(found)


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
