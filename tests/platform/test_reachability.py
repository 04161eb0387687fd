"""Everything is reachable by links from the portal home page, and well formed.

A crawler follows the links (GET only) from `/` as an anonymous visitor, a
resident, a committee member (with TOTP), a street officer and a district officer,
and must reach every named page of each app that this person may open. Each of
those pages has exactly one h1, no skipped heading levels, and a label for every
form field.
"""

from __future__ import annotations

import datetime
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from charity.models import Need, Project
from communities import services as community_services
from communities.models import Membership, Role
from consultation.models import Consultation
from pairing.models import PairedRegion
from tests.communities.test_dashboards_all_sections import _feed
from tests.factories import (
    MembershipFactory,
    RegionFactory,
    RoleGrantFactory,
    StreetFactory,
)
from tests.support.actors import give_totp
from tests.volunteers.factories import ActivityFactory, ShiftFactory

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = (
    "/static/",
    "/media/",
    "/documents/",
    "/admin/",
    "/django-admin/",
    # The API's data (JSON, CSV), linked from each public list; its doc page is /api/.
    "/api/v1/",
    "/accounts/logout/",
    "/accounts/language/",
    "/healthz",
    "/readyz",
)
SKIP_SUFFIXES = (".csv", ".ics", ".xml", ".pdf", "/feed/", "/atom/")
LIMIT = 600


class _Page(HTMLParser):
    """Links, headings, form fields and labels of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.headings: list[int] = []
        self.fields: list[dict[str, str]] = []
        self.label_for: set[str] = set()
        self._label_depth = 0
        self.wrapped: set[int] = set()

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and attrs.get("method", "get").lower() == "get":
            # A GET form (search, filters) is a link: submitted as it stands.
            self.links.append(attrs.get("action") or "")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        elif tag in ("input", "select", "textarea"):
            kind = attrs.get("type", "text")
            if tag == "input" and kind in (
                "hidden",
                "submit",
                "button",
                "reset",
                "image",
            ):
                return
            if self._label_depth:
                self.wrapped.add(len(self.fields))
            self.fields.append(attrs)

    def handle_endtag(self, tag):
        if tag == "label" and self._label_depth:
            self._label_depth -= 1

    def unlabelled(self) -> list[str]:
        missing = []
        for index, attrs in enumerate(self.fields):
            if index in self.wrapped:
                continue
            if attrs.get("aria-label") or attrs.get("aria-labelledby"):
                continue
            if attrs.get("title"):
                continue
            if attrs.get("id") and attrs["id"] in self.label_for:
                continue
            missing.append(attrs.get("name") or attrs.get("id") or "?")
        return missing


def _internal(href: str) -> str | None:
    href = href.replace("&amp;", "&")
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIP_PREFIXES) or parts.path.endswith(SKIP_SUFFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client) -> dict[str, _Page]:
    """Path (without query) -> parsed page, for every page reached from /."""
    seen: set[str] = {"/"}
    queue = deque(["/"])
    pages: dict[str, _Page] = {}
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        parsed = _Page()
        parsed.feed(response.content.decode())
        pages.setdefault(urlsplit(url).path, parsed)
        for href in parsed.links:
            target = _internal(href)
            # One visit per path and query; pagination and filters add little.
            if target and target not in seen and target.count("page=") == 0:
                seen.add(target)
                queue.append(target)
    return pages


@pytest.fixture
def world(db):
    community_services.ensure_portal()
    district = RegionFactory(slug="reach-district", name="可达区")
    street = StreetFactory(parent=district, slug="reach-street", name="可达街道")
    community = community_services.create_community(
        street=street, name="可达社区", slug="reach", kind="community"
    )
    # Data for every app, so that its detail pages are linked (and checked) too.
    committee = _feed(community)
    activity = ActivityFactory(community=community, title="敬老院探访")
    ShiftFactory(activity=activity)
    need = Need.objects.create(
        community=community,
        item="棉被",
        quantity=20,
        unit="床",
        needed_by=timezone.localdate() + datetime.timedelta(days=30),
    )
    resident = MembershipFactory(
        community=community,
        household__community=community,
        status=Membership.Status.VERIFIED,
    ).user
    community_services.sync_admin_rights(user=committee)
    street_officer = give_totp(
        RoleGrantFactory(role=Role.STREET_OFFICER, community=None, region=street).user
    )
    district_officer = give_totp(
        RoleGrantFactory(
            role=Role.DISTRICT_OFFICER, community=None, region=district
        ).user
    )
    PairedRegion.objects.create(
        district=district, name="甘肃省可达县", province="甘肃省", slug="reach-paired"
    )
    return {
        "activity": activity,
        "need": need,
        "project": Project.objects.get(community=community),
        "consultation": Consultation.objects.filter(community=community).first(),
        "community": community,
        "street": street,
        "district": district,
        "resident": resident,
        "committee": committee,
        "street_officer": street_officer,
        "district_officer": district_officer,
    }


def _public(world) -> dict[str, str]:
    slug = world["community"].slug
    return {
        "activity": reverse("volunteers:activity", args=[slug, world["activity"].pk]),
        "charity project": reverse("charity:project", args=[slug, world["project"].pk]),
        "need": reverse("charity:need", args=[slug, world["need"].pk]),
        "consultation": reverse(
            "consultation:detail", args=[slug, world["consultation"].pk]
        ),
        "portal": "/",
        "community home": f"/{slug}/",
        "notices": f"/{slug}/notices/",
        "who serves us": reverse("governance:who-serves", args=[slug]),
        "disclosures board": f"/{slug}/disclosures/",
        "charters": f"/{slug}/charters/",
        "search": reverse("governance:search"),
        "certificates": reverse("governance:certificates", args=[slug]),
        "committee certificate verify": reverse("governance:certificate-verify"),
        "consultations": reverse("consultation:list", args=[slug]),
        "volunteering": reverse("volunteers:activity-list", args=[slug]),
        "leaderboard": reverse("volunteers:leaderboard", args=[slug]),
        "certificate verify": reverse("volunteers:certificate-verify"),
        "charity projects": reverse("charity:projects", args=[slug]),
        "charity needs": reverse("charity:needs", args=[slug]),
        "assistance notices": reverse("assistance:publicity-list", args=[slug]),
        "assistance standards": reverse("assistance:standards"),
        "social assistance": reverse("assistance:community", args=[slug]),
        "assistance status query": reverse("assistance:status"),
        "assistance poster": reverse("assistance:poster", args=[slug]),
        "paired regions": reverse("pairing:index"),
        "paired region": reverse("pairing:region", args=["reach-paired"]),
    }


def expected(who: str, world) -> dict[str, str]:
    slug = world["community"].slug
    pages = _public(world)
    pages["open data and API"] = reverse("opendata:docs")
    if who == "anonymous":
        return pages
    pages |= {
        "my communities": reverse("communities:my-communities"),
        "mine": reverse("communities:mine"),
        "volunteer profile": reverse("volunteers:profile"),
        "for you": reverse("volunteers:for-you"),
        "my hours": reverse("volunteers:my-hours"),
    }
    if who == "resident":
        pages["my donations"] = reverse("charity:my-donations", args=[slug])
        pages["my applications"] = reverse("assistance:my-cases")
        pages["apply for assistance"] = reverse("assistance:apply", args=[slug])
        pages["my certificates"] = reverse("governance:my-certificates", args=[slug])
        pages["all my certificates"] = reverse("governance:my-all-certificates")
        pages["request a certificate"] = reverse(
            "governance:certificate-request", args=[slug]
        )
        return pages
    # The lists behind the dashboards' figures.
    pages |= {
        "notices overseen": reverse("governance:oversight-notices"),
        "overdue disclosures": reverse(
            "governance:disclosure-oversight", args=["overdue"]
        ),
        "communities without a charter": reverse(
            "governance:charter-oversight", args=["without"]
        ),
        "overdue charity reports": reverse("charity:overdue-reports"),
        "charity projects overseen": reverse("charity:oversight-projects"),
    }
    pages["work desk"] = reverse("communities:desk")
    if who == "committee":
        return pages | {
            "dashboard": reverse("communities:dashboard", args=[slug]),
            "objections": reverse("governance:objections", args=[slug]),
            "disclosure review": reverse("governance:disclosure-review", args=[slug]),
            "disclosure catalogue": reverse(
                "governance:disclosure-catalogue", args=[slug]
            ),
            "charter work": reverse("governance:charter-work", args=[slug]),
            "follow-ups": reverse("consultation:followups", args=[slug]),
            "certificate queue": reverse("governance:certificate-queue", args=[slug]),
            "certificate register": reverse(
                "governance:certificate-register", args=[slug]
            ),
        }
    region = world["street"] if who == "street_officer" else world["district"]
    pages |= {
        "region": reverse("communities:region", args=[region.slug]),
        "region dashboard": reverse("communities:region-dashboard", args=[region.slug]),
        "community dashboard": reverse("communities:dashboard", args=[slug]),
        "escalated objections": reverse("governance:escalated-objections"),
        "overdue charity reports": reverse("charity:overdue-reports"),
        "charity projects overseen": reverse("charity:oversight-projects"),
        "charity totals": reverse("charity:region-totals", args=[region.slug]),
        "community certificate register": reverse(
            "governance:certificate-register", args=[slug]
        ),
        "region certificate register": reverse(
            "governance:region-certificates", args=[region.slug]
        ),
        "qualification review": reverse("governance:review-rounds", args=[region.slug]),
        "review round": reverse(
            "governance:review-round",
            args=[region.slug, world["community"].review_rounds.get().pk],
        ),
    }
    if who == "district_officer":
        pages |= {
            "district's paired regions": reverse(
                "pairing:district", args=[region.slug]
            ),
            "manage a paired region": reverse("pairing:manage", args=["reach-paired"]),
            "paired region exchange": reverse(
                "pairing:exchange", args=["reach-paired"]
            ),
        }
    pages["API tokens"] = reverse("opendata:tokens")
    if who == "street_officer":
        pages["bodies and terms"] = reverse("governance:bodies", args=[slug])
        pages["open a review round"] = reverse(
            "governance:review-round-open", args=[region.slug]
        )
    if who == "district_officer":
        pages["review settings"] = reverse(
            "governance:vetting-config", args=[region.slug]
        )
    if who == "district_officer":
        pages["certificate types"] = reverse(
            "governance:certificate-types", args=[region.slug]
        )
    return pages


WHO = ["anonymous", "resident", "committee", "street_officer", "district_officer"]


@pytest.fixture
def crawled(client, world, request):
    who = request.param
    if who != "anonymous":
        client.force_login(world[who])
    return who, crawl(client)


@pytest.mark.parametrize("crawled", WHO, indirect=True)
def test_every_named_page_is_reached_from_the_portal_home(crawled, world):
    who, pages = crawled
    missing = {
        name: path for name, path in expected(who, world).items() if path not in pages
    }
    assert not missing, f"{who} cannot reach {missing}"


def _problems(page: _Page) -> list[str]:
    problems = []
    if page.headings.count(1) != 1:
        problems.append(f"{page.headings.count(1)} h1")
    previous = 0
    for level in page.headings:
        if level > previous + 1:
            problems.append(f"h{level} after h{previous or '-'}")
        previous = level
    unlabelled = page.unlabelled()
    if unlabelled:
        problems.append(f"no label for {unlabelled}")
    return problems


@pytest.mark.parametrize("crawled", WHO, indirect=True)
def test_each_page_reached_has_one_h1_ordered_headings_and_labelled_fields(
    crawled, world
):
    who, pages = crawled
    # Every page reached, which includes every named page (test above).
    found = {path: _problems(page) for path, page in pages.items()}
    found = {path: problems for path, problems in found.items() if problems}
    assert not found, found


def test_the_checker_finds_each_kind_of_problem():
    page = _Page()
    page.feed(
        "<h1>A</h1><h3>B</h3><h1>C</h1><form><input name='q'>"
        "<label>Name <input name='name'></label>"
        "<label for='x'>X</label><select id='x' name='x'></select>"
        "<input type='hidden' name='csrf'></form>"
    )
    assert _problems(page) == ["2 h1", "h3 after h1", "no label for ['q']"]
