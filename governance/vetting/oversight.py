"""The "two_committees" section of the oversight dashboards (communities.oversight):
一肩挑 (the Party secretary chairs the committee) and 交叉任职 (the share of 两委
members on both bodies), against the district's 一肩挑 target.

Figures: communities with 一肩挑, its share in percent, the target in percent,
communities where a seat is empty, and the 交叉任职 share in percent. Three
queries whatever the number of communities (the communities, the 两委 terms in
force, the districts' targets). The figures have no list behind them (no link).

Registered by governance/vetting/registration.py.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from communities import oversight
from governance.vetting import selectors
from governance.vetting.models import DEFAULT_ONE_SHOULDER_TARGET

LABELS = {
    "one_shoulder": _("communities where the Party secretary chairs the committee"),
    "one_shoulder_share": _("一肩挑 share (%)"),
    "target": _("一肩挑 target (%)"),
    "seat_empty": _("communities with a secretary's or chair's seat empty"),
    "cross_share": _("两委 members on both committees (%)"),
}


def _rows(communities) -> list[tuple[int, int]]:
    return list(communities.values_list("pk", "street__parent_id"))


def _figures(found: list[selectors.Leadership], target: int) -> list[oversight.Figure]:
    total = len(found)
    yes = sum(1 for f in found if f.one_shoulder is True)
    empty = sum(1 for f in found if f.one_shoulder is None)
    share = round(100 * yes / total) if total else 0
    members = sum(f.members for f in found)
    both = sum(f.on_both for f in found)
    cross = round(100 * both / members) if members else 0
    return [
        oversight.Figure("one_shoulder", LABELS["one_shoulder"], yes, tone="ok"),
        oversight.Figure(
            "one_shoulder_share",
            LABELS["one_shoulder_share"],
            share,
            tone="ok" if share >= target else "bad",
        ),
        oversight.Figure("target", LABELS["target"], target),
        oversight.Figure(
            "seat_empty",
            LABELS["seat_empty"],
            empty,
            tone="warn" if empty else "ok",
        ),
        oversight.Figure("cross_share", LABELS["cross_share"], cross),
    ]


def figures(communities, user: Any) -> list[oversight.Figure]:
    rows = _rows(communities)
    found = selectors.leadership([pk for pk, _d in rows])
    targets = selectors.one_shoulder_targets({d for _p, d in rows})
    # Over several districts the strictest target applies.
    target = max(targets.values(), default=DEFAULT_ONE_SHOULDER_TARGET)
    return _figures(list(found.values()), target)


def per_community(communities, user: Any) -> dict[int, list[oversight.Figure]]:
    rows = _rows(communities)
    found = selectors.leadership([pk for pk, _d in rows])
    targets = selectors.one_shoulder_targets({d for _p, d in rows})
    return {pk: _figures([found[pk]], targets[district]) for pk, district in rows}


SECTION = oversight.Section(
    key="two_committees",
    title=_("两委: 一肩挑 and 交叉任职"),
    figures=figures,
    per_community=per_community,
    order=25,
)
