"""The emergency aid demo (`seed_demo`, after the part-1 assistance demo), in
the second demo community (its coordinator is aid-<slug>@):

- a declared emergency of the district last month (a rainstorm, ended early);
- 先行救助 for a house fire given under that emergency's rules, its paperwork
  (the case's application) completed and submitted two days later;
- 先行救助 for a sudden illness given ten working days ago, its paperwork not
  completed, so overdue on the list, the work list and the dashboards.

Idempotent: nothing is added once the community has advance aid.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from assistance.applications import services as applying
from assistance.cases.models import Case
from assistance.emergency import services
from assistance.emergency.models import AdvanceAid, EmergencyPeriod
from assistance.standards.workdays import Calendar
from communities.demo import BLANK_PDF
from communities.models import Community, Membership

DOMAIN = "demo.gongzhi.cn"
STORM = "示范区暴雨洪涝灾害应急响应"


def _documents() -> dict[str, Any]:
    return {
        kind: ContentFile(BLANK_PDF, name=f"{kind}.pdf")
        for kind in ("id_card", "hukou", "authorisation")
    }


def _working_days_ago(district_id: int, days: int) -> datetime.date:
    calendar, day = Calendar(district_id), timezone.localdate()
    while days:
        day -= datetime.timedelta(days=1)
        days -= calendar.is_workday(day)
    return day


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _households(community: Community) -> list[Membership]:
    return list(
        Membership.objects.verified()
        .filter(community=community, is_representative=True)
        .select_related("user", "household")
        .order_by("pk")[:2]
    )


def _complete_paperwork(aid: AdvanceAid, coordinator: Any) -> None:
    case = aid.case
    members = [
        {"position": i, "name": m.name, "relationship": m.relationship}
        for i, m in enumerate(case.members.all(), start=1)
    ]
    data = applying.ApplicationData(
        fields={
            "kind": case.kind,
            "temporary_cause": case.temporary_cause,
            "applicant_name": case.applicant_name,
            "reason": case.reason,
            "applicant_phone": "13800138021",
            "commitment_accepted": True,
            "commitment_name": case.applicant_name,
        },
        members=members,
        uploads=_documents(),
    )
    applying.submit_application(case=case, actor=coordinator, data=data)
    Case.objects.filter(pk=case.pk).update(
        submitted_at=aid.granted_at + datetime.timedelta(days=2)
    )


def seed(*, admin: Any, communities: list[Community], ensure_user: Any) -> None:
    community = communities[1] if len(communities) > 1 else communities[0]
    if AdvanceAid.objects.filter(community=community).exists():
        return
    coordinator = User.objects.filter(email=f"aid-{community.slug}@{DOMAIN}").first()
    supervisor = User.objects.filter(email=f"aid-district@{DOMAIN}").first()
    people = _households(community)
    if coordinator is None or supervisor is None or len(people) < 2:
        return
    district = community.street.parent
    fire_day = _working_days_ago(district.pk, 15)
    storm = EmergencyPeriod.objects.filter(district=district, name=STORM).first()
    if storm is None:
        storm = services.declare_period(
            actor=supervisor, district=district, name=STORM,
            starts_on=fire_day - datetime.timedelta(days=2),
            ends_on=fire_day + datetime.timedelta(days=20),
        )  # fmt: skip
        # Ended early in the demo's past (end_period ends it now).
        EmergencyPeriod.objects.filter(pk=storm.pk).update(
            ended_at=_at(fire_day + datetime.timedelta(days=7), 18),
            ended_by=supervisor,
            end_note="雨情解除，应急响应终止。",
        )
    fire, illness = people
    aid = services.grant_advance_aid(
        actor=coordinator, community=community, household=fire.household,
        beneficiary_name=fire.user.real_name or fire.user.display_name,
        household_size=2, cause="fire", amount=Decimal("1500.00"),
        note="暴雨期间家中电路起火，衣物被褥烧毁，已安排临时住所。",
        reported_at=_at(fire_day, 7), granted_at=_at(fire_day, 11),
    )  # fmt: skip
    _complete_paperwork(aid, coordinator)
    sick_day = _working_days_ago(district.pk, 10)
    services.grant_advance_aid(
        actor=coordinator, community=community, household=illness.household,
        beneficiary_name=illness.user.real_name or illness.user.display_name,
        household_size=1, cause="illness", amount=Decimal("800.00"),
        note="独居老人突发脑梗住院，无力垫付押金。",
        reported_at=_at(sick_day, 20), granted_at=_at(sick_day + datetime.timedelta(days=1), 9),
    )  # fmt: skip
