"""The officers' navigation on street/town, district and platform pages: the
regions' own links and a small registry other apps extend with
`communities.navigation.register_region` (re-exported there)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


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


# ---------------------------------------------------------------------------
# Where a role grant leads
# ---------------------------------------------------------------------------
# A role whose work is not the region page (assistance officers work on their
# case lists) registers where its grants lead, for "my communities" and the
# portal's "What you oversee": `register_grant_link(role, label, url(grant))`.
@dataclass(frozen=True)
class GrantLink:
    role: str
    label: str | Promise
    url: Callable[[Any], str]


_GRANT_LINKS: dict[str, GrantLink] = {}


def register_grant_link(link: GrantLink) -> GrantLink:
    _GRANT_LINKS[link.role] = link
    return link


def grant_link(grant: Any) -> GrantLink | None:
    """The registered link for this grant's role, if any."""
    return _GRANT_LINKS.get(grant.role)


def linked_roles() -> set[str]:
    return set(_GRANT_LINKS)


# ---------------------------------------------------------------------------
# Where a post that is not a RoleGrant leads
# ---------------------------------------------------------------------------
# An app whose people hold posts of their own (pairing's liaison officers, scoped
# to one paired region) registers `provider(user) -> [{"label", "where", "url"}]`;
# the links show on "my communities" and the portal's "What you oversee".
_PERSONAL_LINKS: dict[str, Callable[[Any], list[dict[str, Any]]]] = {}


def register_personal_links(
    key: str, provider: Callable[[Any], list[dict[str, Any]]]
) -> None:
    _PERSONAL_LINKS[key] = provider


def personal_links_of(user: Any) -> list[dict[str, Any]]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        link for key in sorted(_PERSONAL_LINKS) for link in _PERSONAL_LINKS[key](user)
    ]
