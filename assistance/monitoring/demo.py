"""Periodic review and early warning in the demo (`seed_demo`), after the
part-1 demo (assistance.handling.demo):

- 和平社区: the part-1 confirmed 低保 household: its review is overdue;
- the second demo community (its coordinator aid-<slug>@): a 低保 household confirmed eleven months ago: review due in two weeks;
- a 低保 household whose review found the income fell (900 → 300 yuan), waiting
  for the street's decision, with an income warning;
- a 特困 recipient of 78 living alone, not visited for months: a warning.

Recipients are walked through the real state machine by the demo staff.
Idempotent: nothing is added once the demo's marked cases exist.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from assistance.cases.access import phone_digest
from assistance.cases.models import Case, HouseholdMember, IncomeItem, Kind, State
from assistance.cases.workflow import transition
from assistance.monitoring import services
from assistance.monitoring.models import ReviewSchedule
from assistance.monitoring.schedule import schedule_review
from assistance.monitoring.warnings import compute_warnings
from communities.models import Community, Role, RoleGrant

MARKER = "动态管理演示"
STEPS = ("submit", "accept", "investigate", "review", "publish", "confirm")


def _staff(community: Community) -> dict[str, Any]:
    grants = RoleGrant.objects.active().select_related("user")
    coordinator = grants.filter(role=Role.AID_COORDINATOR, community=community).first()
    officer = grants.filter(role=Role.AID_OFFICER, region=community.street).first()
    return {
        "coordinator": coordinator.user if coordinator else None,
        "officer": officer.user if officer else None,
    }


def _recipient(
    community: Community, staff: dict, *, kind: str, name: str, members: list,
    income: Decimal, amount: Decimal, confirmed_days_ago: int,
) -> Case:  # fmt: skip
    phone = "13800138100"
    case = Case.objects.create(
        community=community,
        applicant_name=name,
        applicant_phone=phone,
        phone_digest=phone_digest(phone),
        kind=kind,
        reason="家庭困难，申请救助。",
        service_point=MARKER,
    )
    people = [
        HouseholdMember.objects.create(
            case=case, name=person, relationship=rel, birth_year=year, able_to_work=able
        )  # fmt: skip
        for person, rel, year, able in members
    ]
    IncomeItem.objects.create(
        case=case, member=people[0], kind="transfer", monthly_amount=income
    )
    for action in STEPS:
        actor = staff["coordinator"] if action in ("accept", "investigate") else None
        case = transition(case, action, actor=actor or staff["officer"])
    decided = timezone.now() - datetime.timedelta(days=confirmed_days_ago)
    Case.objects.filter(pk=case.pk).update(
        monthly_amount=amount,
        start_month=timezone.localdate(decided).replace(day=1),
        decided_at=decided,
        closed_at=decided,
        submitted_at=decided - datetime.timedelta(days=30),
    )
    case.refresh_from_db()
    schedule_review(case)
    return case


def seed(*, admin: Any, communities: list[Community], ensure_user: Any) -> None:
    if Case.objects.filter(service_point=MARKER).exists():
        return
    today = timezone.localdate()
    part_one = Case.objects.filter(
        community=communities[0], state=State.CONFIRMED, kind=Kind.MINIMUM_LIVING
    ).first()
    if part_one is not None:
        schedule_review(part_one)
        ReviewSchedule.objects.filter(case=part_one).update(
            due_on=today - datetime.timedelta(days=20)
        )
    # Part 1's tests count 和平社区's cases: the new recipients live next door.
    community = communities[1] if len(communities) > 1 else communities[0]
    staff = _staff(community)
    if staff["coordinator"] is None or staff["officer"] is None:
        return
    _recipient(
        community, staff, kind=Kind.MINIMUM_LIVING, name="周建国",
        members=[("周建国", "self", 1975, True), ("周小雨", "child", 2012, False)],
        income=Decimal("800.00"), amount=Decimal("1600.00"), confirmed_days_ago=170,
    )  # fmt: skip
    lowered = _recipient(
        community, staff, kind=Kind.MINIMUM_LIVING, name="吴秀兰",
        members=[("吴秀兰", "self", 1968, False), ("吴大力", "child", 1995, True)],
        income=Decimal("900.00"), amount=Decimal("1500.00"), confirmed_days_ago=190,
    )  # fmt: skip
    item = lowered.incomes.get()
    services.record_review(
        case=lowered,
        actor=staff["coordinator"],
        visited_on=today - datetime.timedelta(days=2),
        findings="复核入户：儿子失业，家庭收入明显下降。",
        changes=services.Changes(
            incomes={item.pk: Decimal("300.00")},
            able={m.pk for m in lowered.members.filter(able_to_work=True)},
        ),
    )
    _recipient(
        community, staff, kind=Kind.SPECIAL_HARDSHIP, name="郑桂芳",
        members=[("郑桂芳", "self", today.year - 78, False)],
        income=Decimal("0.00"), amount=Decimal("1560.00"), confirmed_days_ago=120,
    )  # fmt: skip
    compute_warnings(today)
