"""Demo of aid in stages and follow-up aid (`seed_demo`, after the part-1
assistance demo): the confirmed 临时救助 of 和平社区 (3,000 yuan for a hospital
stay) paid in two instalments, the first released on time and the second due
next month on condition the person is still in hospital; and its follow-up
plan with one item done (a referral to the hospital's social worker) and one
overdue (helping the household apply for 低保). Idempotent: nothing is added
once the case has instalments."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from assistance.cases.models import Case, Kind, State
from assistance.followup import services as following
from assistance.followup.models import FollowUpItem, FollowUpKind
from assistance.handling.demo import DOMAIN
from assistance.instalments import services as staging
from assistance.instalments.models import Instalment

HALF = Decimal("1500.00")


def _staff(communities: list[Any], ensure_user: Any) -> tuple[Any, Any]:
    first = communities[0]
    coordinator = ensure_user(f"aid@{DOMAIN}", f"{first.name}救助协理员", totp=True)
    officer = ensure_user(
        f"aid-street@{DOMAIN}", f"{first.street.name}救助经办", totp=True
    )
    return coordinator, officer


def _stage(case: Case, coordinator: Any, officer: Any) -> None:
    today = timezone.localdate()
    first, second = staging.set_schedule(
        case=case,
        actor=officer,
        rows=[
            {"due_on": today, "amount": HALF, "condition": "仍在住院治疗"},
            {
                "due_on": today + datetime.timedelta(days=30),
                "amount": case.monthly_amount - HALF,
                "condition": "仍在住院或出院后康复治疗，凭医院证明",
            },
        ],
        note="住院时间较长，分两期发放。",
    )
    staging.release(
        instalment=first,
        actor=coordinator,
        condition_checked=True,
        check_note="电话联系主治医生，确认仍在住院。",
    )
    released = timezone.now() - datetime.timedelta(days=20)
    Instalment.objects.filter(pk=first.pk).update(
        due_on=today - datetime.timedelta(days=20), released_at=released
    )
    Instalment.objects.filter(pk=second.pk).update(
        due_on=today + datetime.timedelta(days=10)
    )


def _follow_up(case: Case, coordinator: Any, officer: Any) -> None:
    today = timezone.localdate()
    referral = following.add_item(
        case=case,
        actor=officer,
        kind=FollowUpKind.SERVICE,
        what="转介医院医务社工，协助办理大病医疗救助。",
        owner=coordinator,
        due_on=today,
    )
    following.complete_item(
        item=referral, actor=coordinator, note="已与医务社工对接，材料已递交。"
    )
    overdue = following.add_item(
        case=case,
        actor=officer,
        kind=FollowUpKind.DIBAO,
        what="出院后收入下降，协助家庭申请低保。",
        owner=coordinator,
        due_on=today,
    )
    FollowUpItem.objects.filter(pk=overdue.pk).update(
        due_on=today - datetime.timedelta(days=3)
    )


def seed(*, admin: Any, communities: list[Any], ensure_user: Any) -> None:
    case = (
        Case.objects.filter(
            community=communities[0],
            kind=Kind.TEMPORARY,
            state=State.CONFIRMED,
            monthly_amount=Decimal("3000.00"),
        )
        .order_by("pk")
        .first()
    )
    if case is None or Instalment.objects.filter(case=case).exists():
        return
    coordinator, officer = _staff(communities, ensure_user)
    _stage(case, coordinator, officer)
    _follow_up(case, coordinator, officer)
