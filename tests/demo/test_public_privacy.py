"""No public page of the demo data shows a resident's full name, phone or ID number.

An anonymous visitor follows the links from `/` (GET only, like the reachability
crawler) over the seeded demo district; every HTML page reached must be free of
the full real name, the phone number and the ID number of every demo user who
holds a verified membership. Public pages show names masked (张*明) or the name
the person chose to display.

Office holders are not exempt. The design's rule on personal information is that
public lists show a masked name, and the domain rules allow publication without
separate consent only where the law requires it (PIPL art. 25). The "who serves
us" page names committee members as holders of a public office, but it does so
through the same public name (chosen display name, else masked real name) as any
other page, so no page needs a person's full real name and the check holds on
every page, including those.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from assistance.cases.models import Case, Relationship, State
from assistance.decisions.models import Refusal
from assistance.investigation.models import FinancialCheck, HomeVisit, ReviewOpinion
from assistance.publicity.models import PUBLIC_FIELDS, Publicity
from communities.models import Membership
from tests.platform.test_reachability import LIMIT, _internal, _Page

pytestmark = pytest.mark.django_db


def _secrets() -> dict[str, str]:
    """Each verified demo resident's full name, phone and ID number -> whose."""
    secrets: dict[str, str] = {}
    users = User.objects.filter(
        memberships__status=Membership.Status.VERIFIED
    ).distinct()
    for user in users:
        if len(user.real_name) >= 2:
            secrets[user.real_name] = f"real name of {user.email}"
        if user.phone:
            secrets[user.phone] = f"phone of {user.email}"
        profile = getattr(user, "volunteer_profile", None)
        number = profile.id_number if profile is not None else ""
        if number:
            secrets[number] = f"ID number of {user.email}"
    return secrets


def _crawl(client):
    """(path, html) of every page an anonymous visitor reaches from /."""
    seen: set[str] = {"/"}
    queue = deque(["/"])
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        html = response.content.decode()
        yield url, html
        parsed = _Page()
        parsed.feed(html)
        for href in parsed.links:
            target = _internal(href)
            if target and target not in seen and "page=" not in target:
                seen.add(target)
                queue.append(target)


def test_no_public_demo_page_shows_a_residents_full_name_phone_or_id(seeded, client):
    secrets = _secrets()
    assert secrets, "the demo has verified residents with a real name"
    # The assistance cases' private content too, but not the household members'
    # names: a member copied from the verified household may be named by the
    # display name the person chose, which public pages show (the assistance
    # pages are checked for members' names below).
    secrets.update(
        (value, whose)
        for value, whose in _assistance_secrets().items()
        if not whose.startswith("member's full name")
    )
    leaks: list[str] = []
    visited = 0
    for url, html in _crawl(client):
        visited += 1
        leaks += [
            f"{url}: {whose}" for value, whose in secrets.items() if value in html
        ]
    assert visited > 30, "the crawler reached the demo's public pages"
    assert leaks == [], "\n".join(leaks)


# ---------------------------------------------------------------------------
# Social assistance: the public pages never show a case's private content
# ---------------------------------------------------------------------------
BANK_ACCOUNT = "6217000010001234567"


def _assistance_secrets() -> dict[str, str]:
    """What no public page may show of the demo's assistance cases -> whose."""
    with translation.override("zh-hans"):
        generic = {str(label) for _value, label in Relationship.choices}
    secrets: dict[str, str] = {BANK_ACCOUNT: "the demo bank account"}
    cases = Case.objects.prefetch_related("members", "expenses")
    for case in cases:
        tag = case.tracking_number
        texts = {
            case.applicant_name: "applicant's full name",
            case.applicant_phone: "applicant's phone",
            case.bank_account: "bank account",
            case.reason: "reason",
            case.relative_note: "relative note",
        }
        for member in case.members.all():
            if member.name not in generic:
                texts[member.name] = "member's full name"
            texts[member.id_number] = "member's ID number"
            texts[member.health] = "health"
            texts[member.disability] = "disability"
        for expense in case.expenses.all():
            texts[expense.description] = "expense"
        secrets.update(
            {value: f"{what} of {tag}" for value, what in texts.items() if value}
        )
    for model, field in (
        (HomeVisit, "findings"),
        (FinancialCheck, "summary"),
        (ReviewOpinion, "opinion"),
        (Refusal, "reasons"),
    ):
        for row in model.objects.select_related("case"):
            value = getattr(row, field)
            if value:
                secrets[value] = f"{field} of {row.case.tracking_number}"
    return {value: whose for value, whose in secrets.items() if len(value) >= 2}


def _public_assistance_pages(client, community) -> list[tuple[str, str]]:
    """(what, html) of every public assistance page of a community, anonymously,
    and the status query's answer for each demo case's number and phone."""
    slug = community.slug
    urls = [
        reverse("assistance:community", args=[slug]),
        reverse("assistance:publicity-list", args=[slug]),
        reverse("assistance:poster", args=[slug]),
        reverse("assistance:standards"),
        reverse("assistance:status"),
    ]
    urls += [
        reverse("assistance:publicity-objection", args=[slug, notice.pk])
        for notice in Publicity.objects.showing().filter(community=community)
    ]
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append((url, response.content.decode()))
    cases = Case.objects.filter(community=community).exclude(state=State.DRAFT)
    for case in cases:
        data = {"tracking_number": case.tracking_number, "phone": case.applicant_phone}
        response = client.post(reverse("assistance:status"), data)
        assert response.status_code == 200, (case.tracking_number, response)
        html = response.content.decode()
        assert case.get_state_display() in html or case.tracking_number in html
        pages.append((f"status of {case.tracking_number}", html))
    return pages


def test_no_public_assistance_page_shows_a_cases_private_content(seeded, client):
    heping = seeded.get(slug="heping")
    secrets = _assistance_secrets()
    phones = {f"1380013800{n}" for n in range(1, 10)}
    assert phones <= set(secrets), "the demo cases' phones are in the scan"
    assert BANK_ACCOUNT in secrets
    assert Case.objects.filter(community=heping).count() >= 9
    pages = _public_assistance_pages(client, heping)
    assert len(pages) >= 5 + 8
    leaks = [
        f"{url}: {whose}"
        for url, html in pages
        for value, whose in secrets.items()
        if value in html
    ]
    assert leaks == [], "\n".join(leaks)
    notices = dict(pages)[f"/{heping.slug}/assistance/publicity/"]
    assert "*" in notices, "the notice shows the masked name"


def test_public_notice_templates_read_only_whitelisted_fields():
    """Every attribute of a notice a 公示 template reads is in PUBLIC_FIELDS (or
    the kind's label and the key); the public ones read nothing of the case."""
    allowed = {*PUBLIC_FIELDS, "pk", "get_kind_display"}
    folder = Path(settings.BASE_DIR) / "assistance/templates/assistance/publicity"
    templates = sorted(folder.glob("**/*.html"))
    assert templates
    for template in templates:
        text = template.read_text()
        used = set(re.findall(r"\b(?:notice|publicity|item)\.(\w+)", text))
        assert used <= allowed, (template.name, used - allowed)
        if not template.name.startswith("_"):  # a page, not a staff panel
            touched = re.findall(r"\b(?:case|objection|member)\.\w+", text)
            assert touched == [], (template.name, touched)
