"""The coordinator's work list (工作清单) is built from sections each concern
registers (reports to visit, reviews due, warnings, follow-up items,
instalments to release…), so concerns add their own without editing one page:

    registry.register(WorkSection(
        key="reports", title=_("Reports to visit"), order=10,
        template="assistance/discovery/_work.html",
        context=lambda user, community: {"rows": ..., "waiting": 3} or None,
    ))

`context(user, community)` returns the section's template context (which must
hold `waiting`, the number of things waiting, and should hold `overdue`), or
None to hide the section from this person. Each section runs a fixed number of
queries, whatever the number of households.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class WorkSection:
    key: str
    title: Any
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


_SECTIONS: dict[str, WorkSection] = {}


def register(section: WorkSection) -> WorkSection:
    _SECTIONS[section.key] = section
    return section


def shown_for(user: Any, community: Any) -> list[tuple[WorkSection, dict[str, Any]]]:
    """(section, context) for each section this person sees, most overdue first,
    then in registration order."""
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.context(user, community)
        if context is not None:
            shown.append((section, context))
    shown.sort(key=lambda pair: -int(bool(pair[1].get("overdue"))))
    return shown
