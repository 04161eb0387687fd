"""Reads for the governance pages: a fixed number of queries at any size."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Community
from governance.bodies.models import (
    POSITION_RANK,
    SUPERVISION_MAX_MEMBERS,
    SUPERVISION_MIN_MEMBERS,
    Body,
    Term,
)


@dataclass
class BodyRoster:
    body: Body
    terms: list[Term] = field(default_factory=list)

    @property
    def chairs(self) -> int:
        return sum(1 for term in self.terms if term.is_chair)

    @property
    def warnings(self) -> list[str]:
        """Why a supervision committee is not yet complete (3 to 5 members, one chair)."""

        if not self.body.is_supervision:
            return []
        found = []
        count = len(self.terms)
        if count < SUPERVISION_MIN_MEMBERS:
            found.append(
                _(
                    "The supervision committee needs %(min)d to %(max)d members; it "
                    "has %(count)d."
                )
                % {
                    "min": SUPERVISION_MIN_MEMBERS,
                    "max": SUPERVISION_MAX_MEMBERS,
                    "count": count,
                }
            )
        if self.chairs != 1:
            found.append(_("The supervision committee needs exactly one chair."))
        return found


def rosters(
    community: Community, *, on: datetime.date | None = None
) -> list[BodyRoster]:
    """Each active body of the community with the terms in force on a day.

    Two queries: bodies, then terms with their people.
    """
    on = on or timezone.localdate()
    bodies = list(Body.objects.active().filter(community=community))
    for body in bodies:
        body.community = community  # display names read the community's kind
    by_body: dict[int, BodyRoster] = {b.pk: BodyRoster(body=b) for b in bodies}
    terms = (
        Term.objects.current(on)
        .filter(body__in=[b.pk for b in bodies])
        .select_related("person")
    )
    for term in terms:
        roster = by_body[term.body_id]
        term.body = roster.body
        roster.terms.append(term)
    for roster in by_body.values():
        roster.terms.sort(
            key=lambda t: (POSITION_RANK.get(t.position, 99), t.starts_on, t.pk)
        )
    return list(by_body.values())


def cross_held(roster_list: list[BodyRoster]) -> list[dict[str, Any]]:
    """People holding offices in two or more bodies at once (交叉任职)."""
    offices: dict[int, list[Term]] = defaultdict(list)
    for roster in roster_list:
        for term in roster.terms:
            offices[term.person_id].append(term)
    return [
        {"person": terms[0].person, "terms": terms}
        for terms in offices.values()
        if len({t.body_id for t in terms}) > 1
    ]
