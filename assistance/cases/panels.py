"""The staff case page is built from panels each concern registers (intake,
investigation, 公示, decisions…), so concerns add their actions without editing
one template:

    panels.register(Panel(key="visit", template="assistance/investigation/_visit.html",
                          order=30, context=lambda request, case: {...}))

`context(request, case)` returns the panel's template context, or None to hide
the panel for this person and case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> Panel:
    _PANELS[panel.key] = panel
    return panel


def rendered_for(request: Any, case: Any) -> list[tuple[Panel, dict[str, Any]]]:
    """(panel, context) for each panel shown to this person on this case, in order."""
    shown = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(request, case)
        if context is not None:
            shown.append((panel, context))
    return shown
