"""The work desk (工作台) registry: the tasks waiting for staff, by role.

Each feature app registers its tasks from its `registration.register()`, with the
counting selector living in its own concern:

    desk.register(desk.DeskTask(
        key="memberships",
        label=_("Join requests to verify"),
        group=desk.Group.COMMITTEE,
        roles={Role.COMMITTEE},
        count=lambda user, communities: {pk: desk.Count(waiting, urgent), ...},
        url=lambda community: reverse("communities:verification", args=[community.slug]),
        order=10,
    ))

`count(user, communities)` receives a queryset of the communities where the
person holds one of `roles` (for officers' tasks, every community of their
streets/districts) and returns {community pk: Count(waiting, urgent)}; it must
run a fixed number of queries whatever the number of communities or items.
Communities missing from the result have nothing waiting. A `Count` may carry its
own `url`; otherwise `url(scope)` gives where the work is done (a community, or
for `per_region` tasks the officer's street/district).

`from_section(per_community, waiting=..., urgent=...)` turns an oversight
section's `per_community` provider (communities.oversight) into a `count`, so a
figure already on the dashboards becomes a desk task in one line.

The desk page (communities.desk.views) shows each group of the roles the person
holds, most urgent first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    """The desk's groups, one per kind of staff work (shown in this order)."""

    COMMITTEE = "committee", _("Committee work")
    SUPERVISION = "supervision", _("Supervision work")
    COORDINATOR = "coordinator", _("Volunteer coordination")
    CHARITY = "charity", _("Charity management")
    ASSISTANCE = "assistance", _("Social assistance")
    OFFICER = "officer", _("Street and district oversight")


GROUP_ORDER = [g.value for g in Group]


@dataclass(frozen=True)
class Count:
    waiting: int = 0
    urgent: int = 0
    url: str = ""


Counter = Callable[[Any, Any], dict[int, Count]]


@dataclass(frozen=True)
class DeskTask:
    key: str
    label: str | Promise
    group: str
    roles: frozenset[str] | set[str]
    count: Counter
    url: Callable[[Any], str]
    order: int = 100
    # Officers' tasks: counted over the communities of their streets/districts and
    # shown once per street/district, linking to `url(region)`.
    per_region: bool = False
    urgent_label: str | Promise = field(default=_("overdue"))


_TASKS: dict[str, DeskTask] = {}


def register(task: DeskTask) -> DeskTask:
    """Add (or replace, by key) one desk task."""
    _TASKS[task.key] = task
    return task


def tasks() -> list[DeskTask]:
    """The registered tasks, by group then order."""
    return sorted(
        _TASKS.values(), key=lambda t: (GROUP_ORDER.index(t.group), t.order, t.key)
    )


def tasks_for(roles: Iterable[str]) -> list[DeskTask]:
    """The tasks any of these roles sees."""
    held = set(roles)
    return [task for task in tasks() if held & set(task.roles)]


def from_section(
    per_community: Callable[[Any, Any], dict[int, list[Any]]],
    *,
    waiting: str,
    urgent: str | None = None,
    link: str | None = None,
) -> Counter:
    """A `count` from an oversight section's per-community figures: `waiting` and
    `urgent` name figure keys; the link is the figure `link` (default `waiting`)'s
    url unless the task's own `url` is wanted (pass link="")."""

    def count(user: Any, communities: Any) -> dict[int, Count]:
        result = {}
        for pk, figures in per_community(communities, user).items():
            by_key = {f.key: f for f in figures}
            shown = by_key.get(waiting)
            late = by_key.get(urgent) if urgent else None
            linked = by_key.get(link if link is not None else waiting)
            result[pk] = Count(
                waiting=shown.count if shown else 0,
                urgent=late.count if late else 0,
                url=linked.url if linked is not None and link != "" else "",
            )
        return result

    return count


def from_counts(
    selector: Callable[[Any], dict[int, Any]], *, all_urgent: bool = False
) -> Counter:
    """A task's `count` from a selector giving {community pk: waiting} or
    {community pk: (waiting, urgent)}; `all_urgent` marks everything waiting urgent."""

    def count(user: Any, communities: Any) -> dict[int, Count]:
        out = {}
        for pk, value in selector(communities).items():
            waiting, urgent = value if isinstance(value, tuple) else (value, 0)
            out[pk] = Count(waiting, waiting if all_urgent else urgent)
        return out

    return count


def tally(rows: Iterable[tuple[int, bool]]) -> dict[int, Count]:
    """{community pk: Count} from (community pk, is urgent) rows."""
    waiting: dict[int, int] = {}
    urgent: dict[int, int] = {}
    for pk, late in rows:
        waiting[pk] = waiting.get(pk, 0) + 1
        if late:
            urgent[pk] = urgent.get(pk, 0) + 1
    return {pk: Count(n, urgent.get(pk, 0)) for pk, n in waiting.items()}


# ---------------------------------------------------------------------------
# Direct actions (a button per community, e.g. "发布通知" into the CMS editor)
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class DeskAction:
    """A button on the desk per community where the person holds one of `roles`:
    `links(user, communities)` returns {community pk: url} in a fixed number of
    queries (communities missing from it get no button)."""

    key: str
    label: str | Promise
    group: str
    roles: frozenset[str] | set[str]
    links: Callable[[Any, Any], dict[int, str]]
    order: int = 100


_ACTIONS: dict[str, DeskAction] = {}


def register_action(action: DeskAction) -> DeskAction:
    """Add (or replace, by key) one desk action."""
    _ACTIONS[action.key] = action
    return action


def actions_for(roles: Iterable[str]) -> list[DeskAction]:
    held = set(roles)
    return sorted(
        (a for a in _ACTIONS.values() if held & set(a.roles)),
        key=lambda a: (GROUP_ORDER.index(a.group), a.order, a.key),
    )
