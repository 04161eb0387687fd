"""Oversight: the dashboards' figure registry (this module, which the feature apps
extend as `communities.oversight`), the dashboards (`dashboards`), the officers'
region pages (`views`) and their navigation (`navigation`).

Committee members see their community's dashboard, street officers their
communities, district officers all of theirs. Each feature app contributes a
section of figures from its `registration.register()`:

    oversight.register(Section(
        key="disclosures",
        title=_("Affairs disclosure"),
        order=20,
        figures=lambda communities, user: [
            Figure(key="overdue", label=_("overdue"), count=..., url=..., tone="bad"),
        ],
    ))

`figures` receives a queryset of the communities in view and the viewing user and
returns the figures for all of them together; `per_community` (optional) returns
{community_pk: [Figure, ...]} for the per-community table. Every figure links to
the items behind it (`url`), and its provider must run a fixed number of queries
whatever the number of communities or items.

A page of the region dashboard asks `per_community` for 20 communities × about
60 figures: providers build each column's link once (`slug_url` for a link into
each community, a string for the rest), not one `reverse()` per cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.urls import reverse
from django.utils.functional import Promise

Tone = Literal["neutral", "ok", "warn", "bad"]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str | Promise
    count: int
    url: str = ""
    tone: Tone = "neutral"


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    figures: Callable[[Any, Any], list[Figure]]
    per_community: Callable[[Any, Any], dict[int, list[Figure]]] | None = None
    order: int = 100


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> Section:
    """Add (or replace, by key) one section of figures."""
    _SECTIONS[section.key] = section
    return section


def sections() -> list[Section]:
    """The registered sections, in order."""
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


# A slug as `reverse()` writes it unchanged (SlugField without unicode; the
# `slug` path converter): anything else goes through `reverse()` itself.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_MARKER = "gongzhi-slug-marker"


def slug_url(viewname: str) -> Callable[[str], str]:
    """`reverse(viewname, args=[slug])` for many slugs with one `reverse()`.

    The returned function gives exactly what `reverse()` would for each slug
    (a marker is reversed once and replaced), for the communities of a page.
    """
    before, after = reverse(viewname, args=[_MARKER]).split(_MARKER)

    def url(slug: str) -> str:
        if _PLAIN_SLUG.fullmatch(slug):
            return f"{before}{slug}{after}"
        return reverse(viewname, args=[slug])

    return url
