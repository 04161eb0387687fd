"""The desk's reads: which staff roles a person holds and where, and the desk laid
out from the registered tasks (communities.desk).

Queries: the person's grants and TOTP (cached per request), one for the
communities in view, one for the officers' regions, then each task's own fixed
number — none per community or item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from communities import desk, navigation
from communities.regions.models import Community, Region
from communities.roles.models import COMMUNITY_ROLES, REGION_ROLES, STREET_ROLES, Role
from communities.roles.selectors import grants_in_force, role_counts

# The roles that have a desk (platform admins work in the admin pages).
DESK_ROLES = (COMMUNITY_ROLES | REGION_ROLES) - {Role.PLATFORM_ADMIN}


def staff_scopes(user: Any, *, counted: bool = True) -> dict[str, set[int]]:
    """{role: community ids (community roles) or region ids (officers)} of the
    person's desk roles in force; with `counted`, only roles that count (TOTP)."""
    return scopes_of(grants_in_force(user), user, counted=counted)


def scopes_of(
    grants: list[tuple[str, int | None, int | None]], user: Any, *, counted: bool
) -> dict[str, set[int]]:
    """`staff_scopes` of the given (role, community id, region id) grants."""
    scopes: dict[str, set[int]] = {}
    for role, community_id, region_id in grants:
        if role not in DESK_ROLES:
            continue
        if counted and not role_counts(user, role):
            continue
        scope = community_id if role in COMMUNITY_ROLES else region_id
        if scope is not None:
            scopes.setdefault(role, set()).add(scope)
    return scopes


@dataclass
class Row:
    task: desk.DeskTask
    scope: Any  # a Community, or a Region for officers' tasks
    waiting: int
    urgent: int
    url: str


@dataclass
class GroupView:
    key: str
    label: Any
    rows: list[Row] = field(default_factory=list)
    idle: list[Row] = field(default_factory=list)
    actions: list[tuple[Any, list[tuple[Any, str]]]] = field(default_factory=list)
    # The staff tools (community navigation entries registered `staff=True`, and
    # the officers' region navigation), per community or region.
    tools: list[tuple[Any, list[tuple[Any, str]]]] = field(default_factory=list)

    @property
    def waiting(self) -> int:
        return sum(row.waiting for row in self.rows)


def _communities(scopes: dict[str, set[int]]) -> tuple[list[Community], list[Region]]:
    community_ids = set().union(
        *(ids for role, ids in scopes.items() if role in COMMUNITY_ROLES)
    )
    region_ids = set().union(
        *(ids for role, ids in scopes.items() if role in REGION_ROLES)
    )
    regions = list(Region.objects.filter(pk__in=region_ids)) if region_ids else []
    streets = [r.pk for r in regions if not r.is_district]
    districts = [r.pk for r in regions if r.is_district]
    where = Q(pk__in=community_ids) | Q(street_id__in=streets)
    where |= Q(street__parent_id__in=districts)
    communities = list(
        Community.objects.filter(where).select_related("street").order_by("name", "pk")
    )
    return communities, regions


def _in_region(community: Community, region: Region) -> bool:
    if region.is_district:
        return community.street.parent_id == region.pk
    return community.street_id == region.pk


def _scope_of(
    task_roles: set[str],
    scopes: dict[str, set[int]],
    communities: list[Community],
    regions: list[Region],
) -> tuple[list[Community], list[Region]]:
    """The communities (and officers' regions) where the person does this work."""
    direct = set().union(
        *(scopes.get(r, set()) for r in task_roles if r in COMMUNITY_ROLES)
    )
    region_ids = set().union(
        *(scopes.get(r, set()) for r in task_roles if r in REGION_ROLES)
    )
    mine = [r for r in regions if r.pk in region_ids]
    shown = [
        c for c in communities if c.pk in direct or any(_in_region(c, r) for r in mine)
    ]
    return shown, mine


def _ordered(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """The rows with work waiting, most urgent first; and those with none."""
    busy = [r for r in rows if r.waiting or r.urgent]
    busy.sort(key=lambda r: (-r.urgent, -r.waiting, r.task.order, str(r.scope)))
    return busy, [r for r in rows if not (r.waiting or r.urgent)]


def desk_for(user: Any) -> list[GroupView]:
    """The person's desk: a group per kind of work they hold a role for, its rows
    most urgent first (overdue, then waiting; nothing waiting listed apart)."""
    scopes = staff_scopes(user)
    if not scopes:
        return []
    communities, regions = _communities(scopes)
    groups: dict[str, GroupView] = {}
    labels = dict(desk.Group.choices)
    for task in desk.tasks_for(scopes):
        shown, mine = _scope_of(set(task.roles), scopes, communities, regions)
        group = groups.setdefault(task.group, GroupView(task.group, labels[task.group]))
        if not shown:
            continue
        counts = task.count(
            user, Community.objects.filter(pk__in=[c.pk for c in shown])
        )
        if task.per_region:
            for region in mine:
                inside = [c for c in shown if _in_region(c, region)]
                found = [counts.get(c.pk, desk.Count()) for c in inside]
                group.rows.append(
                    Row(
                        task,
                        region,
                        sum(f.waiting for f in found),
                        sum(f.urgent for f in found),
                        task.url(region),
                    )
                )
            continue
        for community in shown:
            found = counts.get(community.pk, desk.Count())
            group.rows.append(
                Row(
                    task,
                    community,
                    found.waiting,
                    found.urgent,
                    found.url or task.url(community),
                )
            )
    for action in desk.actions_for(scopes):
        shown, _mine = _scope_of(set(action.roles), scopes, communities, regions)
        if not shown:
            continue
        links = action.links(
            user, Community.objects.filter(pk__in=[c.pk for c in shown])
        )
        group = groups.setdefault(
            action.group, GroupView(action.group, labels[action.group])
        )
        for community in shown:
            if community.pk in links:
                _add_action(group, community, action.label, links[community.pk])
    _add_tools(user, scopes, communities, regions, groups, labels)
    result = []
    for key in desk.GROUP_ORDER:
        if key in groups:
            group = groups[key]
            group.rows, group.idle = _ordered(group.rows)
            result.append(group)
    return result


def _add_action(group: GroupView, community: Community, label: Any, url: str) -> None:
    for shown, links in group.actions:
        if shown.pk == community.pk:
            links.append((label, url))
            return
    group.actions.append((community, [(label, url)]))


class _Visitor:
    """What the region navigation reads of a request: only the person."""

    def __init__(self, user: Any) -> None:
        self.user = user


def _add_tools(
    user: Any,
    scopes: dict[str, set[int]],
    communities: list[Community],
    regions: list[Region],
    groups: dict[str, GroupView],
    labels: dict[str, Any],
) -> None:
    """The staff tools of the communities where the person holds a community role
    or a street/town officer's role (the menu's staff entries, same predicates;
    district officers work from their region pages), and the officers' navigation
    of their streets/districts. A tool goes under its own group when the person
    has that group, else under the person's first group (a committee member's
    disclosure review sits with the committee's work)."""
    direct = set().union(
        *(ids for role, ids in scopes.items() if role in COMMUNITY_ROLES)
    )
    streets = set().union(
        *(ids for role, ids in scopes.items() if role in STREET_ROLES)
    )
    present = [key for key in desk.GROUP_ORDER if key in groups]
    for community in communities:
        if community.pk not in direct and community.street_id not in streets:
            continue
        for item in navigation.staff_items_for(user, community):
            key = item["group"] if item["group"] in groups else None
            key = key or (present[0] if present else item["group"])
            group = groups.setdefault(key, GroupView(key, labels[key]))
            _add_link(group.tools, community, item["label"], item["url"])
    if not regions:
        return
    officer = groups.setdefault(
        desk.Group.OFFICER, GroupView(desk.Group.OFFICER, labels[desk.Group.OFFICER])
    )
    for region in regions:
        for item in navigation.region_items_for(request=_Visitor(user), region=region):
            _add_link(officer.tools, region, item["label"], item["url"])


def _add_link(
    shelf: list[tuple[Any, list[tuple[Any, str]]]], scope: Any, label: Any, url: str
) -> None:
    for shown, links in shelf:
        if shown == scope:
            links.append((label, url))
            return
    shelf.append((scope, [(label, url)]))
