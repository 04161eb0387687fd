"""How a comment's text is shown: escaped, with links to resolutions and to this
site's own pages.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.html import escape, linebreaks
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe

from consultation.followup.models import Resolution

RESOLUTION_MENTION = re.compile(r"#(?:决议|resolution-)(\d{1,9})", re.IGNORECASE)
URL = re.compile(r"https?://[^\s<>\"'，。；）)]+")
MENTION = re.compile(f"{RESOLUTION_MENTION.pattern}|{URL.pattern}", re.IGNORECASE)


# ---------------------------------------------------------------------------
# Safe rendering
# ---------------------------------------------------------------------------
def mentioned_resolution_ids(bodies: list[str]) -> set[int]:
    ids: set[int] = set()
    for body in bodies:
        ids.update(int(m) for m in RESOLUTION_MENTION.findall(body or ""))
    return ids


def resolution_links(community: Any, bodies: list[str]) -> dict[int, str]:
    """{resolution pk: url} for the resolutions of `community` mentioned (one query)."""
    ids = mentioned_resolution_ids(bodies)
    if not ids:
        return {}
    return {
        pk: reverse("consultation:resolution", args=[community.slug, pk])
        for pk in Resolution.objects.filter(community=community, pk__in=ids)
        .values_list("pk", flat=True)
        .iterator()
    }


def _own_page_path(url: str, community: Any, host: str | None) -> str | None:
    """The path of `url` when it is a page of this community on this site."""
    if not host or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={host}, require_https=False
    ):
        return None
    parts = urlsplit(url)
    if not parts.path.startswith(f"/{community.slug}/"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def render_comment(
    body: str, *, community: Any, resolutions: dict[int, str], host: str | None
) -> SafeString:
    """Escape a comment and link only the mentions described in the module doc."""
    pieces: list[str] = []
    position = 0
    for match in MENTION.finditer(body or ""):
        pieces.append(escape(body[position : match.start()]))
        text = match.group(0)
        link = None
        if match.group(1):
            link = resolutions.get(int(match.group(1)))
        else:
            link = _own_page_path(text, community, host)
        if link:
            pieces.append(f'<a href="{escape(link)}">{escape(text)}</a>')
        else:
            pieces.append(escape(text))
        position = match.end()
    pieces.append(escape((body or "")[position:]))
    # Already escaped: linebreaks only adds <p> and <br>.
    return mark_safe(linebreaks("".join(pieces), autoescape=False))  # noqa: S308
