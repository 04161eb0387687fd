"""The community navigation: a small registry other apps extend (a foundation
module; the officers' navigation on region pages is `communities.oversight.
navigation`, re-exported here as `RegionNavItem` and `register_region`).

Each app registers its entries from its `registration.register()`:

    navigation.register(NavItem(key="consultations", label=_("Consultations"),
                                url=lambda c: reverse("consultation:list", args=[c.slug]),
                                order=30))

An entry is shown when its `visible(user, community)` is true; anonymous pages
are cached, so entries for anonymous visitors must not depend on the request.

Staff tools (work lists, queues, registers, configuration) are registered with
`staff=True` and a desk `group` (communities.desk.Group): they never appear in the
public community menu; the work desk (/desk/) lists them, per community the
person works in, with the same `visible` predicate (`staff_items_for`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise

from communities import wording
from communities.oversight.navigation import (
    RegionNavItem,
    region_items_for,
    register_region,
)


def _always(user: Any, community: Any) -> bool:
    return True


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url: Callable[[Any], str]
    visible: Callable[[Any, Any], bool] = _always
    order: int = 100
    # A staff tool: shown on the work desk, never in the public community menu.
    staff: bool = False
    # The desk group (communities.desk.Group value) a staff tool is listed under.
    group: str = "committee"


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> NavItem:
    """Add (or replace, by key) one navigation entry."""
    _ITEMS[item.key] = item
    return item


def items_for(
    *, request: HttpRequest, community: Any, current: str | None = None
) -> list[dict[str, Any]]:
    """The public entries this visitor sees in this community, in order (staff
    tools are on the work desk instead)."""
    user = request.user
    return [
        {
            "key": item.key,
            "label": wording.label_for(item.label, community),
            "url": item.url(community),
            "current": item.key == current,
        }
        for item in sorted(_ITEMS.values(), key=lambda i: (i.order, i.key))
        if not item.staff and item.visible(user, community)
    ]


def staff_items_for(user: Any, community: Any) -> list[dict[str, Any]]:
    """The staff tools this person may use in this community, in order (the same
    `visible` predicates the menu used), for the work desk."""
    return [
        {
            "key": item.key,
            "label": wording.label_for(item.label, community),
            "url": item.url(community),
            "group": item.group,
        }
        for item in sorted(_ITEMS.values(), key=lambda i: (i.order, i.key))
        if item.staff and item.visible(user, community)
    ]


__all__ = [
    "NavItem",
    "RegionNavItem",
    "items_for",
    "region_items_for",
    "register",
    "register_region",
    "staff_items_for",
]
