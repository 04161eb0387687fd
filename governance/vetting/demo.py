"""Demo data of the joint qualification review: for each demo community a closed
general-election round in which every 两委 member of the demo passed every
department (so the bodies' demo may appoint them, order 10), and in the first
community one more candidate whom the court failed (被列为失信被执行人).

Runs before the governance demo (order 9). Idempotent: a community with a round
is left alone.
"""

from __future__ import annotations

from typing import Any

from communities.models import Community
from governance.setup.demo import DOMAIN, two_committee_people
from governance.vetting import selectors, services
from governance.vetting.models import Purpose, ReviewRound

FAILING_DEPARTMENT = "法院"
FAILING_GROUND = "被列为失信被执行人"


def seed(*, admin: Any, communities: list[Community], ensure_user) -> None:
    for number, community in enumerate(communities, start=1):
        if ReviewRound.objects.filter(community=community).exists():
            continue
        _seed_round(admin, community, number, ensure_user)


def _seed_round(admin, community: Community, number: int, ensure_user) -> None:
    district = selectors.district_of(community)
    services.ensure_defaults(district=district)
    departments = list(selectors.departments(district, active_only=True))
    grounds = list(selectors.grounds(district, active_only=True))
    people = [
        ensure_user(email, name)
        for email, name in two_committee_people(community, number)
    ]
    failing = None
    if number == 1:
        failing = ensure_user(
            f"gov-{community.slug}-candidate@{DOMAIN}", f"{community.name}候选人"
        )
        people.append(failing)
    review = services.open_round(
        actor=admin,
        community=community,
        purpose=Purpose.GENERAL_ELECTION,
        departments=departments,
        grounds=grounds,
        people=people,
    )
    ground = next((g for g in grounds if g.name == FAILING_GROUND), grounds[0])
    court = next(
        (d for d in departments if d.name == FAILING_DEPARTMENT), departments[0]
    )
    for candidate in review.candidates.select_related("person"):
        for department in departments:
            fails = candidate.person == failing and department == court
            services.record_result(
                actor=admin,
                review=review,
                candidate=candidate,
                department=department,
                passed=not fails,
                ground=ground if fails else None,
                note="法院执行信息公开网查询" if fails else "",
            )
    services.close_round(actor=admin, review=review)
