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

from collections import deque

import pytest

from accounts.models import User
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
    leaks: list[str] = []
    visited = 0
    for url, html in _crawl(client):
        visited += 1
        leaks += [
            f"{url}: {whose}" for value, whose in secrets.items() if value in html
        ]
    assert visited > 30, "the crawler reached the demo's public pages"
    assert leaks == [], "\n".join(leaks)
