"""The Wagtail admin as a Chinese committee member sees it has no English left
(issue 15 §2): the dashboard, the explorer, the editors of notices and
disclosures (a finance disclosure under review included), the history pages and
the choosers. Wagtail's own catalogue misses some words; ours adds them without
changing a word Wagtail already translates.

Visible text is the text of the page (not scripts or styles) and the
placeholder, aria-label, title and alt attributes. Draftail's toolbar is drawn
by JavaScript and is checked in the browser (tests/e2e/test_admin_editor.py).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from governance.charters.pages import CharterIndexPage
from governance.disclosures.pages import DisclosureIndexPage
from governance.notices.pages import NoticeIndexPage
from tests.support.governance_disclosures import add_disclosure, finance_body, submit
from tests.support.governance_notices import add_notice

pytestmark = pytest.mark.django_db

ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")
SKIPPED = {"script", "style", "noscript"}
# A run of two or more ASCII letters is English (or an untranslated code).
ENGLISH = re.compile(r"[A-Za-z]{2,}")
# What is not English to translate: names (the product's, Wagtail's in its version
# line, the tree's root, languages and time zones as their own names), keyboard keys,
# and the example address in Wagtail's help for the slug.
NOT_WORDS = re.compile(
    r"Gongzhi|Wagtail \d[\d.]*|^Root$|^English$|^Asia/\w+$|"
    r"^(Ctrl|Alt|Shift|Esc)( \+ (Alt|Shift|\S))*$|http://domain\.com/work/\[my-work\]/|"
    r"JPG, JPEG, PNG, WEBP, GIF|MB|URL"
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        # Elements with the `hidden` attribute (and what they contain) are not seen:
        # [tag, depth of that tag inside the outermost hidden one].
        self._hidden: list[list] = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self._skip += 1
        if self._hidden and tag == self._hidden[-1][0]:
            self._hidden[-1][1] += 1
        elif any(name == "hidden" for name, _value in attrs):
            self._hidden.append([tag, 1])
        if self._hidden:
            return
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in SKIPPED and self._skip:
            self._skip -= 1
        if self._hidden and tag == self._hidden[-1][0]:
            self._hidden[-1][1] -= 1
            if not self._hidden[-1][1]:
                self._hidden.pop()

    def handle_data(self, data):
        if not self._skip and not self._hidden and data.strip():
            self.parts.append(data.strip())


def english_in(html: str) -> set[str]:
    """The visible strings of the page that contain an English word."""
    parser = _Text()
    parser.feed(html)
    return {part for part in parser.parts if ENGLISH.search(NOT_WORDS.sub("", part))}


def visible_html(response) -> str:
    """The page, or for a chooser (a JSON answer) the HTML it carries."""
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


def in_chinese(community) -> None:
    """Titles a community gets when it is made: in Chinese, as when a person makes
    it on the site (the fixtures make it outside a request, in English)."""
    from django.utils import translation
    from django.utils.translation import gettext

    from governance.disclosures.models import CatalogueEntry
    from governance.disclosures.services.catalogue import default_catalogue

    with translation.override("zh-hans"):
        for model, title in (
            (NoticeIndexPage, "Notices"),
            (DisclosureIndexPage, "Affairs disclosure"),
            (CharterIndexPage, "Charters and conventions"),
        ):
            page = model.objects.get(community=community)
            page.title = gettext(title)
            page.draft_title = page.title
            page.save(update_fields=["title", "draft_title"])
        entries = CatalogueEntry.objects.filter(community=community).order_by("order")
        for entry, fields in zip(entries, default_catalogue(community), strict=True):
            entry.title = fields["title"]
            entry.save(update_fields=["title"])


def test_the_checker_finds_english_in_text_and_attributes_only():
    html = (
        '<p>发布</p><input placeholder="Search"><script>var Save = 1;</script>'
        '<button aria-label="关闭">Save draft</button><style>.a{}</style>'
        "<kbd>Ctrl + s</kbd><p>共治 Gongzhi</p><p>Root</p><p>Root page</p>"
        "<div hidden><b>None</b></div><p>Shown</p>"
    )
    assert english_in(html) == {"Search", "Save draft", "Root page", "Shown"}


@pytest.fixture
def pages(community, editor):
    in_chinese(community)
    notice = add_notice(community)
    finance = add_disclosure(
        community, category="finance", body=finance_body(), publish=False
    )
    submit(finance, editor)
    service = add_disclosure(community, category="service", publish=False)
    return {
        "notices": NoticeIndexPage.objects.get(community=community),
        "disclosures": DisclosureIndexPage.objects.get(community=community),
        "charters": CharterIndexPage.objects.get(community=community),
        "notice": notice,
        "finance": finance,
        "service": service,
    }


def admin_paths(pages) -> list[str]:
    notices, disclosures = pages["notices"].pk, pages["disclosures"].pk
    return [
        "/admin/",
        f"/admin/pages/{notices}/",
        f"/admin/pages/{disclosures}/",
        f"/admin/pages/{pages['charters'].pk}/",
        f"/admin/pages/add/governance/noticepage/{notices}/",
        f"/admin/pages/{pages['notice'].pk}/edit/",
        f"/admin/pages/add/governance/disclosurepage/{disclosures}/",
        f"/admin/pages/{pages['finance'].pk}/edit/",
        f"/admin/pages/{pages['service'].pk}/edit/",
        f"/admin/pages/{pages['notice'].pk}/history/",
        f"/admin/pages/{pages['finance'].pk}/workflow_history/",
        "/admin/choose-page/",
        f"/admin/choose-page/{notices}/",
        "/admin/images/chooser/",
        "/admin/documents/chooser/",
        "/admin/account/",
    ]


def test_a_committee_member_sees_no_english_in_the_admin(
    zh_client, community, editor, pages
):
    editor.preferred_language = "zh-hans"
    editor.save()
    zh_client.force_login(editor)
    found = {}
    for path in admin_paths(pages):
        response = zh_client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        english = english_in(visible_html(response))
        if english:
            found[path] = sorted(english)
    assert not found, "\n".join(f"{p}: {w}" for p, w in found.items())
