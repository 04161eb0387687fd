"""Every page the reachability crawl visits fits a phone screen and passes axe-core
(issue 15 §3, §5).

For an anonymous visitor, a resident and a committee member, in normal and large
text, at 390 and 320 px wide: nothing is wider than the screen (WCAG 1.4.10
reflow) and the page's h1 ends within the first screenful (no scrolling needed to
see what the page is). On the same visit, one page of each kind (one per
top-level template) is widened to a desktop screen and checked by axe-core (WCAG
A/AA and best practices), and in large text the portal home, the community's home
and a page with a form are. The pages are found by the crawl of
`tests/platform/test_reachability.py` through the Django test client, then opened
in chromium once each: one browser context per person and text size, one
`evaluate` per measurement. The resident has signed up for a shift and pledged
money and goods, so the confirmation pages that cancel them are crawled (and
measured) too. The Wagtail editor's pages are checked by axe in `test_axe.py`.

Marked `frontend`: these check markup only, whatever the database.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.preferences import LARGE_TEXT_COOKIE
from charity.models import NeedPledge
from tests.charity.factories import DonationFactory
from tests.e2e.axe import report, violations
from tests.platform.test_reachability import crawl, world  # noqa: F401
from volunteers.models import Shift, SignUp

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {390: 844, 320: 640}
DESKTOP = {"width": 1280, "height": 900}
WHO = ("anonymous", "resident", "committee")

# scrollWidth beyond the viewport, and where the h1 ends, in one round trip.
MEASURE = """() => {
  const h1 = document.querySelector('main h1') || document.querySelector('h1');
  const box = h1 ? h1.getBoundingClientRect() : null;
  const root = document.documentElement;
  let widest = '';
  if (root.scrollWidth > window.innerWidth) {
    for (const el of document.querySelectorAll('main *')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1) {
        widest = el.tagName.toLowerCase() + '.' + (el.className || '') +
          ' ' + (el.textContent || '').trim().slice(0, 40);
        break;
      }
    }
  }
  return {
    overflow: root.scrollWidth - window.innerWidth,
    h1Bottom: box ? box.bottom + window.scrollY : null,
    height: window.innerHeight,
    widest: widest,
  };
}"""


# Whether the site layout is in large-text mode (None: a page without the layout,
# such as a printable poster).
LAYOUT = """() => document.querySelector('.site-header')
  ? document.documentElement.classList.contains('large-text') : null"""


@pytest.fixture
def committed(world):  # noqa: F811
    """The crawl's world, where the resident has a shift, a pledge of money and a
    pledge of goods to cancel: their confirmation pages are reachable."""
    resident = world["resident"]
    shift = Shift.objects.filter(activity=world["activity"]).first()
    SignUp.objects.create(shift=shift, volunteer=resident, status="confirmed")
    DonationFactory(project=world["project"], donor=resident)
    NeedPledge.objects.create(need=world["need"], donor=resident, quantity=2)
    return world


CONFIRM_PAGES = (
    "/reach/volunteering/shifts/#/cancel/",
    "/reach/charity/my-donations/#/cancel/",
    "/reach/charity/needs/#/pledges/#/cancel/",
)


def _shape(path: str) -> str:
    """Pages that differ only by ids or slugs of the same kind share a template."""
    return re.sub(r"/\d+(?=/)", "/#", path)


def _client_for(who: str, people) -> Client:
    """A test client signed in as `who` (none for the anonymous visitor)."""
    client = Client()
    if who != "anonymous":
        client.force_login(people[who])
    return client


def pages_for(who: str, people) -> list[str]:
    """One path per page shape this person reaches from the portal."""
    client = _client_for(who, people)
    shapes: dict[str, str] = {}
    for path in crawl(client):
        shapes.setdefault(_shape(path), path)
    return sorted(shapes.values())


def session_cookie(user, base_url: str) -> dict:
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


def kinds_of(who: str, people, paths: list[str]) -> set[str]:
    """One path per kind of page among `paths`: one per top-level template (the
    oversight lists "due", "overdue", "on time" differ by a slug only, and share
    one template)."""
    client = _client_for(who, people)
    kinds: dict[str, str] = {}
    for path in paths:
        response = client.get(path)
        templates = [t.name for t in response.templates if t.name]
        kinds.setdefault(templates[0] if templates else path, path)
    return set(kinds.values())


def large_text_sample(paths: list[str], community) -> set[str]:
    """The portal home, the community's home, and a page with a form."""
    forms = [p for p in paths if any(w in p for w in ("apply", "new", "signup"))]
    return {"/", f"/{community.slug}/", *forms[:1]}


def check_all(browser, base_url: str, who: str, people, paths, large: bool, axe):
    """What `who` finds wrong in one text size: (width, path, what) for the fit,
    and axe's violations on the paths in `axe`, at a desktop width."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}
    )
    context.set_default_navigation_timeout(20_000)
    if who == "anonymous":
        context.add_cookies(
            [
                {
                    "name": LARGE_TEXT_COOKIE,
                    "value": "1" if large else "0",
                    "url": base_url,
                }
            ]
        )
    else:
        user = people[who]
        user.large_text = large
        user.save(update_fields=["large_text"])
        context.add_cookies([session_cookie(user, base_url)])
    page = context.new_page()
    problems = []
    found: list[tuple[str, str]] = []
    axed = 0
    try:
        for path in paths:
            page.set_viewport_size({"width": 390, "height": WIDTHS[390]})
            response = page.goto(base_url + path, wait_until="load")
            if response is None or response.status != 200:
                continue
            if page.evaluate(LAYOUT) not in (None, large):
                problems.append((390, path, "text size not applied"))
            for width, height in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                found_here = page.evaluate(MEASURE)
                if found_here["overflow"] > 0:
                    problems.append(
                        (
                            width,
                            path,
                            f"{found_here['overflow']}px too wide: "
                            f"{found_here['widest']}",
                        )
                    )
                if (
                    found_here["h1Bottom"] is None
                    or found_here["h1Bottom"] > found_here["height"]
                ):
                    problems.append(
                        (width, path, f"h1 ends at {found_here['h1Bottom']}")
                    )
            if path in axe:
                page.set_viewport_size(DESKTOP)
                axed += 1
                label = " (large text)" if large else ""
                found += [(url + label, p) for url, p in violations(page)]
    finally:
        context.close()
    return problems, found, axed


@pytest.mark.parametrize("who", WHO)
def test_every_crawled_page_fits_a_phone_shows_its_h1_first_and_passes_axe(
    who,
    committed,
    live_site,
    browser,
):
    people = committed
    paths = pages_for(who, people)
    assert len(paths) > 10, paths
    if who == "resident":
        shapes = {_shape(path) for path in paths}
        assert set(CONFIRM_PAGES) <= shapes, sorted(shapes)
    axe_paths = {
        False: kinds_of(who, people, paths),
        True: large_text_sample(paths, people["community"]),
    }
    problems = []
    found: list[tuple[str, str]] = []
    axed = 0
    for large in (False, True):
        fit, violations_found, checked = check_all(
            browser, live_site, who, people, paths, large, axe_paths[large]
        )
        problems += [(("large" if large else "normal"), *p) for p in fit]
        found += violations_found
        axed += checked
    assert axed > 10, axe_paths
    assert not problems, "\n".join(map(str, problems))
    assert not found, report(found)


def test_page_shapes_fold_ids_only():
    assert _shape("/c/activities/12/") == _shape("/c/activities/7/")
    assert _shape("/c/activities/12/") != _shape("/c/notices/")
    assert _shape("/a/1/b/") == "/a/#/b/"


def test_the_menu_opens_without_javascript_by_keyboard_and_search_is_one_tap(
    live_site, browser, community
):
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    page = context.new_page()
    try:
        page.goto(f"{live_site}/{community.slug}/volunteering/")
        nav = page.get_by_role("navigation", name="幸福里社区 导航")
        expect(nav).to_be_hidden()
        menu = page.locator("summary.menu-button")
        expect(menu).to_have_accessible_name("菜单")
        expect(menu).to_be_in_viewport()
        box = menu.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box

        menu.focus()
        page.keyboard.press("Enter")
        expect(nav).to_be_visible()
        page.keyboard.press("Enter")
        expect(nav).to_be_hidden()
        menu.click()
        expect(nav).to_be_visible()

        search = page.get_by_role("banner").get_by_role("link", name="搜索")
        expect(search).to_be_in_viewport()
        search.click()
        expect(page).to_have_url(re.compile(rf"/search/\?community={community.slug}$"))
        expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    finally:
        context.close()
