"""Extra links on a shift row of an activity page, for the volunteer signed up
to it, registered by other apps (volunteers imports none of them):

    actions.register(ShiftAction(
        key="assistance.report",
        label=_("Report a household that may need help"),
        url=lambda shift: reverse(...),
        visible=lambda user, shift, signup: shift.activity.home_visits,
    ))

`visible(user, shift, signup)` is asked only for a confirmed sign-up of the
person looking; it must not query the database per row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ShiftAction:
    key: str
    label: Any
    url: Callable[[Any], str]
    visible: Callable[[Any, Any, Any], bool]
    order: int = 100


_ACTIONS: dict[str, ShiftAction] = {}


def register(action: ShiftAction) -> ShiftAction:
    """Add (or replace, by key) one action."""
    _ACTIONS[action.key] = action
    return action


def for_shift(user: Any, shift: Any, signup: Any) -> list[dict[str, str]]:
    """The links ({label, url}) this volunteer sees on this shift's row."""
    if signup is None or signup.status != "confirmed":
        return []
    return [
        {"label": str(action.label), "url": action.url(shift)}
        for action in sorted(_ACTIONS.values(), key=lambda a: (a.order, a.key))
        if action.visible(user, shift, signup)
    ]
