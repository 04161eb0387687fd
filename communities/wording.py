"""The one place that decides city or village wording (居务/村务, 居民公约/村规民约 …).

A 社区 and a 村 use different words for the same things: 居务公开 / 村务公开,
居民委员会 / 村民委员会, 居民会议 / 村民会议. Every page asks here instead of
writing one of them: `term(community, "affairs_disclosure")` in Python,
`{% term "affairs_disclosure" %}` in templates (`{% load wording %}`; the
`community` in the context decides, or pass `community=`). Without a community
(a street's or district's page covering both kinds) the combined form is used:
村（居）务公开.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CITY = "community"
VILLAGE = "village"


@dataclass(frozen=True)
class Term:
    city: Promise
    village: Promise
    both: Promise


TERMS: dict[str, Term] = {
    "affairs": Term(
        city=_("community affairs"),
        village=_("village affairs"),
        both=_("village and community affairs"),
    ),
    "affairs_disclosure": Term(
        city=_("Affairs disclosure"),
        village=_("Village affairs disclosure"),
        both=_("Village and community affairs disclosure"),
    ),
    "convention": Term(
        city=_("residents' convention"),
        village=_("village rules and convention"),
        both=_("village rules or residents' convention"),
    ),
    "charters_and_conventions": Term(
        city=_("Charters and conventions"),
        village=_("Charters and village rules"),
        both=_("Charters, village rules and residents' conventions"),
    ),
    "committee": Term(
        city=_("residents' committee"),
        village=_("villagers' committee"),
        both=_("villagers' or residents' committee"),
    ),
    "supervision": Term(
        city=_("community affairs supervision committee"),
        village=_("village affairs supervision committee"),
        both=_("village or community affairs supervision committee"),
    ),
    "assembly": Term(
        city=_("residents' assembly"),
        village=_("villagers' assembly"),
        both=_("villagers' or residents' assembly"),
    ),
    "representatives": Term(
        city=_("residents' representatives' assembly"),
        village=_("villagers' representatives' assembly"),
        both=_("villagers' or residents' representatives' assembly"),
    ),
    "committee_short": Term(
        city=_("the residents' committee"),
        village=_("the villagers' committee"),
        both=_("the villagers' or residents' committee"),
    ),
    "people": Term(
        city=_("residents"),
        village=_("villagers"),
        both=_("villagers and residents"),
    ),
}


def kind_of(community: Any) -> str | None:
    """CITY, VILLAGE, or None for "no single community" (accepts a Community or a kind)."""
    if community is None or community == "":
        return None
    kind = community if isinstance(community, str) else getattr(community, "kind", None)
    if kind in (CITY, VILLAGE):
        return kind
    return None


def term(community: Any, key: str) -> Promise:
    """The word for `key` on a page of `community` (a Community, its kind, or None)."""
    entry = TERMS[key]
    kind = kind_of(community)
    if kind == VILLAGE:
        return entry.village
    if kind == CITY:
        return entry.city
    return entry.both


@dataclass(frozen=True)
class Worded:
    """A label that is one of TERMS, chosen once the community is known.

    For labels registered once and shown on many pages (navigation items,
    dashboard section titles, search kinds): `label_for(label, community)` picks
    the city or village word; as a plain string it is the combined form.
    """

    key: str

    def for_community(self, community: Any) -> Promise:
        return term(community, self.key)

    def __str__(self) -> str:
        return str(term(None, self.key))


def label_for(label: Any, community: Any) -> Any:
    """`label` itself, or the right word when it is a `Worded`."""
    if isinstance(label, Worded):
        return label.for_community(community)
    return label
