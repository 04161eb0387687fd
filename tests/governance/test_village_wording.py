"""A village's pages say 村务/村规民约/村民委员会, a city community's say 居务/居民公约/居民委员会.

For each kind, a community with every kind of public page (notices, a published
disclosure, a convention in two versions, bodies, consultations and a meeting,
volunteering, charity, assistance) is crawled from its home page by following
its links (as anonymous, a resident and a committee member, who also sees the
dashboard), in Chinese, and no page may use the other kind's words. Pages that
cover no single community use the combined form 村（居）…, which is removed
before checking.
"""

from __future__ import annotations

import datetime
import importlib
import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from charity.models import Need
from communities import services as community_services
from communities import wording
from communities.models import Membership, Role
from communities.regions.forms import CommunitySettingsForm
from consultation.meetings.forms import MeetingForm
from governance.charters.demo import _adopted_convention
from governance.charters.pages import CharterIndexPage, CharterPage
from governance.disclosures.forms import CatalogueEntryForm
from governance.disclosures.pages import DisclosureIndexPage
from tests.communities.test_dashboards_all_sections import _feed
from tests.factories import (
    MembershipFactory,
    RegionFactory,
    RoleGrantFactory,
    StreetFactory,
)
from tests.platform.test_reachability import SKIP_PREFIXES, SKIP_SUFFIXES, _Page
from tests.support.actors import give_totp
from tests.support.governance_disclosures import add_disclosure
from tests.volunteers.factories import ActivityFactory, ShiftFactory

pytestmark = pytest.mark.django_db

CITY_ONLY = (
    "居务",
    "居民公约",
    "居民委员会",
    "居委会",
    "居务监督委员会",
    "居民会议",
    "居民代表会议",
)
VILLAGE_ONLY = (
    "村务",
    "村规民约",
    "村民委员会",
    "村委会",
    "村务监督委员会",
    "村民会议",
)
# The combined forms name both kinds on purpose (村（居）务公开, 村规民约（居民公约）).
COMBINED = re.compile(
    r"村（居）|居（村）|村规民约（居民公约）|居民会议或村民会议|居民会议/村民会议"
)
LIMIT = 400


def _combined_forms() -> list[str]:
    return sorted({str(entry.both) for entry in wording.TERMS.values()}, key=len)[::-1]


def _text(html: str) -> str:
    for form in _combined_forms():
        html = html.replace(form, "")
    return COMBINED.sub("", html)


def _internal(href: str) -> str | None:
    href = href.replace("&amp;", "&")
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIP_PREFIXES) or parts.path.endswith(SKIP_SUFFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client, start: list[str]) -> dict[str, str]:
    """URL -> HTML of every page reached by links from `start`."""
    seen = set(start)
    queue = deque(start)
    pages: dict[str, str] = {}
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        html = response.content.decode()
        pages[url] = html
        parsed = _Page()
        parsed.feed(html)
        for href in parsed.links:
            target = _internal(href)
            if target and target not in seen and "page=" not in target:
                seen.add(target)
                queue.append(target)
    return pages


def _world(kind: str, slug: str, name: str):
    community_services.ensure_portal()
    district = RegionFactory(slug=f"{slug}-district", name="措辞区")
    street = StreetFactory(parent=district, slug=f"{slug}-street", name="措辞街道")
    community = community_services.create_community(
        street=street, name=name, slug=slug, kind=kind
    )
    committee = _feed(community)
    admin = give_totp(
        get_user_model().objects.create_superuser(
            email=f"admin-{slug}@example.org", password="x"
        )
    )
    _adopted_convention(admin, community)
    add_disclosure(community, title="第一季度财务收支", category="finance")
    add_disclosure(community, title="议定事项", is_juwu=True)
    activity = ActivityFactory(community=community, title="敬老院探访")
    ShiftFactory(activity=activity)
    Need.objects.create(
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
    for person in (resident, committee):
        person.preferred_language = "zh-hans"
        person.save(update_fields=["preferred_language"])
    return community, {"anonymous": None, "resident": resident, "committee": committee}


# Pages about no single community, whose filters list both kinds of convention
# as two categories (the site search across communities).
ACROSS_COMMUNITIES = ("/search/",)


def _offending(pages: dict[str, str], words: tuple[str, ...]) -> dict[str, list[str]]:
    found = {}
    for url, html in pages.items():
        if urlsplit(url).path in ACROSS_COMMUNITIES:
            continue
        text = _text(html)
        hits = sorted({word for word in words if word in text})
        if hits:
            found[url] = hits
    return found


def _context(pages: dict[str, str], found: dict[str, list[str]]) -> str:
    """Each offending word with some text around it, once per snippet."""
    snippets: dict[str, str] = {}
    for url, words in found.items():
        text = re.sub(r"<[^>]+>", " ", _text(pages[url]))
        for word in words:
            for match in re.finditer(word, text):
                snippet = " ".join(text[match.start() - 30 : match.end() + 30].split())
                snippets.setdefault(snippet, url)
    return "\n".join(f"{url}: {snippet}" for snippet, url in snippets.items())


@pytest.mark.parametrize(
    ("kind", "slug", "name", "forbidden"),
    [
        ("village", "taoyuan", "桃源", CITY_ONLY),
        ("community", "xingfu", "幸福里", VILLAGE_ONLY),
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "resident", "committee"])
def test_every_page_of_a_community_uses_its_own_words(
    client, kind, slug, name, forbidden, who
):
    community, people = _world(kind, slug, name)
    if people[who] is not None:
        client.force_login(people[who])
    start = [f"/{slug}/"]
    if who == "committee":
        start.append(f"/{slug}/dashboard/")
    pages = crawl(client, start)
    own = [url for url in pages if url.startswith(f"/{slug}/")]
    assert len(own) > 20, sorted(pages)
    found = _offending(pages, forbidden)
    assert not found, _context(pages, found)


def test_the_checker_strips_combined_forms_and_finds_the_other_kinds_words():
    pages = {
        "/a/": "<p>村（居）务公开 村规民约（居民公约）</p>",
        "/b/": "<p>居委会答复</p>",
    }
    assert _offending(pages, CITY_ONLY) == {"/b/": ["居委会"]}


# ---------------------------------------------------------------------------
# The forms offer the community's own words, and keep the stored values.
# ---------------------------------------------------------------------------
@pytest.fixture
def village(make_community):
    return make_community(slug="xingshu", kind="village")


@pytest.fixture
def village_committee(village):
    grant = RoleGrantFactory(role=Role.COMMITTEE, community=village)
    grant.user.preferred_language = "zh-hans"
    grant.user.save(update_fields=["preferred_language"])
    return give_totp(grant.user)


def test_a_village_starts_a_village_convention_and_cannot_choose_a_residents_one(
    client, village, village_committee
):
    client.force_login(village_committee)
    page = client.get(f"/{village.slug}/charters/work/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "村规民约" in page.content.decode()
    assert "居民公约" not in _text(page.content.decode())
    data = {"kind": "residents", "title": "公约", "clauses": "条款"}
    with translation.override("zh-hans"):
        response = client.post(f"/{village.slug}/charters/work/", data)
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.context["form"].errors["kind"][0]
    assert not CharterPage.objects.filter(community=village).exists()
    response = client.post(
        f"/{village.slug}/charters/work/", data | {"kind": "village"}
    )
    assert response.status_code == 302
    assert CharterPage.objects.get(community=village).kind == "village"


def test_the_meeting_form_names_the_assembly_for_the_community(village, community):
    with translation.override("zh-hans"):
        village_choices = dict(MeetingForm(community=village).fields["form"].choices)
        city_choices = dict(MeetingForm(community=community).fields["form"].choices)
        assert str(village_choices["assembly"]) == "村民会议"
        assert str(city_choices["assembly"]) == "居民会议"


def test_the_settings_and_catalogue_forms_use_the_community_words(village, community):
    with translation.override("zh-hans"):
        village_label = (
            CommunitySettingsForm(instance=village.policy)
            .fields["assembly_notice_days"]
            .label
        )
        city_label = (
            CommunitySettingsForm(instance=community.policy)
            .fields["assembly_notice_days"]
            .label
        )
        assert str(village_label) == "村民会议提前通知（天）"
        assert str(city_label) == "居民会议提前通知（天）"
        label = CatalogueEntryForm(community=village).fields["is_juwu"].label
        assert str(label) == "村务事项"


def test_a_registered_label_follows_the_community_and_is_combined_without_one(
    village, community
):
    label = wording.Worded("affairs_disclosure")
    with translation.override("zh-hans"):
        assert str(wording.label_for(label, village)) == "村务公开"
        assert str(wording.label_for(label, community)) == "居务公开"
        assert str(label) == "村（居）务公开"
        assert wording.label_for("通知公告", village) == "通知公告"


def test_a_village_board_and_charters_index_get_the_village_title(village, community):
    migration = importlib.import_module("governance.migrations.0007_village_wording")
    for place in (village, community):
        DisclosureIndexPage.objects.filter(community=place).update(title="居务公开")
        CharterIndexPage.objects.filter(community=place).update(
            title="自治章程与居民公约"
        )
    migration.retitle(apps, None)
    assert DisclosureIndexPage.objects.get(community=village).title == "村务公开"
    assert CharterIndexPage.objects.get(community=village).title == "自治章程与村规民约"
    assert DisclosureIndexPage.objects.get(community=community).title == "居务公开"


def test_a_new_village_gets_the_village_titles(make_community):
    with translation.override("zh-hans"):
        village = make_community(slug="liuying", kind="village")
    assert DisclosureIndexPage.objects.get(community=village).title == "村务公开"
    assert CharterIndexPage.objects.get(community=village).title == "自治章程与村规民约"
