"""The community navigation: a small registry other apps extend.

Each app registers its entries in its `AppConfig.ready()`:

    navigation.register(NavItem(key="consultations", label=_("Consultations"),
                                url=lambda c: reverse("consultation:list", args=[c.slug]),
                                order=30))

An entry is shown when its `visible(user, community)` is true; anonymous pages
are cached, so entries for anonymous visitors must not depend on the request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def _always(user: Any, community: Any) -> bool:
    return True


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url: Callable[[Any], str]
    visible: Callable[[Any, Any], bool] = _always
    order: int = 100


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> NavItem:
    """Add (or replace, by key) one navigation entry."""
    _ITEMS[item.key] = item
    return item


def items_for(
    *, request: HttpRequest, community: Any, current: str | None = None
) -> list[dict[str, Any]]:
    """The entries this visitor sees in this community, in order."""
    user = request.user
    return [
        {
            "key": item.key,
            "label": item.label,
            "url": item.url(community),
            "current": item.key == current,
        }
        for item in sorted(_ITEMS.values(), key=lambda i: (i.order, i.key))
        if item.visible(user, community)
    ]


def _may_join(user: Any, community: Any) -> bool:
    # Anonymous visitors see "join" too: it leads to sign-in first.
    return not user.is_authenticated or user.has_perm(
        "communities.join_community", community
    )


def _signed_in(user: Any, community: Any) -> bool:
    return user.is_authenticated


def _perm(name: str) -> Callable[[Any, Any], bool]:
    def check(user: Any, community: Any) -> bool:
        return user.is_authenticated and user.has_perm(name, community)

    return check


register(NavItem("home", _("Home"), lambda c: c.get_absolute_url(), order=0))
register(
    NavItem(
        "join",
        _("Join"),
        lambda c: reverse("communities:join", args=[c.slug]),
        _may_join,
        order=80,
    )
)
register(
    NavItem(
        "membership",
        _("My membership"),
        lambda c: reverse("communities:my-communities"),
        _signed_in,
        order=81,
    )
)
register(
    NavItem(
        "verification",
        _("Verification queue"),
        lambda c: reverse("communities:verification", args=[c.slug]),
        _perm("communities.view_membership_queue"),
        order=90,
    )
)
register(
    NavItem(
        "households",
        _("Households"),
        lambda c: reverse("communities:households", args=[c.slug]),
        _perm("communities.view_membership_queue"),
        order=91,
    )
)
register(
    NavItem(
        "roles",
        _("Roles"),
        lambda c: reverse("communities:roles", args=[c.slug]),
        _perm("communities.grant_role"),
        order=91,
    )
)
register(
    NavItem(
        "settings",
        _("Settings"),
        lambda c: reverse("communities:settings", args=[c.slug]),
        _perm("communities.change_communitysettings"),
        order=92,
    )
)
register(
    NavItem(
        "dashboard",
        _("Oversight"),
        lambda c: reverse("communities:dashboard", args=[c.slug]),
        _perm("communities.view_dashboard"),
        order=88,
    )
)
register(
    NavItem(
        "audit",
        _("Audit log"),
        lambda c: reverse("communities:audit-log", args=[c.slug]),
        _perm("communities.view_audit_log"),
        order=93,
    )
)


# ---------------------------------------------------------------------------
# Officers' pages: a street/town, a district, the platform
# ---------------------------------------------------------------------------
def _oversees(user: Any, region: Any) -> bool:
    return user.is_authenticated and user.has_perm("communities.view_region", region)


@dataclass(frozen=True)
class RegionNavItem:
    """An entry of the officers' navigation on a street/town or district page.

    Apps register theirs in `AppConfig.ready()` with `register_region`; shown
    after the region's own entries, to the people `visible(user, region)` admits
    (by default the region's officers)."""

    key: str
    label: str | Promise
    url: Callable[[Any], str]
    visible: Callable[[Any, Any], bool] = _oversees
    order: int = 100


_REGION_ITEMS: dict[str, RegionNavItem] = {}


def register_region(item: RegionNavItem) -> RegionNavItem:
    """Add (or replace, by key) one entry of the officers' navigation."""
    _REGION_ITEMS[item.key] = item
    return item


def region_items_for(
    *, request: HttpRequest, region: Any | None, current: str | None = None
) -> list[dict[str, Any]]:
    """Links between the officers' pages this person may open.

    `region` is a street/town or district, or None on the platform page. Signed-in
    pages only, so entries may depend on the person.
    """
    user = request.user
    items: list[dict[str, Any]] = []

    def add(key: str, label: Any, url: str) -> None:
        items.append(
            {"key": key, "label": label, "url": url, "current": key == current}
        )

    if region is not None:
        parent = region.parent if region.parent_id else None
        if parent is not None and user.has_perm("communities.view_region", parent):
            add(
                "district",
                _("District: %(name)s") % {"name": parent.name},
                reverse("communities:region", args=[parent.slug]),
            )
        if user.has_perm("communities.view_region", region):
            add(
                "overview",
                _("Overview"),
                reverse("communities:region", args=[region.slug]),
            )
            add(
                "dashboard",
                _("Oversight"),
                reverse("communities:region-dashboard", args=[region.slug]),
            )
        for entry in sorted(_REGION_ITEMS.values(), key=lambda i: (i.order, i.key)):
            if entry.visible(user, region):
                add(entry.key, entry.label, entry.url(region))
        if user.has_perm("communities.grant_region_role", region):
            add(
                "roles",
                _("Officers"),
                reverse("communities:region-roles", args=[region.slug]),
            )
    if user.has_perm("communities.grant_platform_role"):
        add("platform", _("Platform roles"), reverse("communities:platform-roles"))
    return items
