"""The reports demo (`seed_demo`), in 和平社区: an urgent report visited in time
(referred to a service), a report nobody visited, now overdue and escalated to
the street, and an anonymous report waiting for its visit. Idempotent: nothing
is added once the demo reports exist."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from assistance.discovery import services
from assistance.discovery.models import Capacity, Outcome, Report, Urgency
from communities.models import Community

DOMAIN = "demo.gongzhi.cn"
SOURCE = "demo"


def _backdate(report: Report, hours: int) -> Report:
    made = timezone.now() - datetime.timedelta(hours=hours)
    due = services.visit_due(report.community, report.urgency, made)
    Report.objects.filter(pk=report.pk).update(created_at=made, visit_due=due)
    report.refresh_from_db()
    return report


def _file(community: Community, reporter: Any, **fields: Any) -> Report:
    return services.file_report(
        community=community, reporter=reporter, source=SOURCE, **fields
    )


def seed(*, admin: Any, communities: list[Community], ensure_user: Any) -> None:
    community = communities[0]
    if Report.objects.filter(community=community, source=SOURCE).exists():
        return
    coordinator = ensure_user(f"aid@{DOMAIN}", f"{community.name}救助协理员")
    resident = ensure_user(f"resident@{DOMAIN}", "林小梅")

    urgent = _backdate(_file(community, resident, place="5号楼2单元302室",
        seen="独居的王大爷三天没下楼，敲门有回应但声音很虚弱，家里好像没有吃的。",
        urgency=Urgency.URGENT, capacity=Capacity.RESIDENT), hours=30)  # fmt: skip
    services.record_visit(
        report=urgent,
        actor=coordinator,
        data=services.VisitData(
            visited_at=urgent.created_at + datetime.timedelta(hours=5),
            outcome=Outcome.SERVICE,
            note="老人腿伤行动不便，已转介居家养老服务，每周上门送餐两次。",
        ),
    )

    late = _backdate(_file(community, resident, place="8号楼底商旁的平房",
        seen="一位阿姨带着孩子住在没有暖气的平房里，说丈夫住院了。",
        urgency=Urgency.NORMAL, capacity=Capacity.RESIDENT), hours=24 * 10)  # fmt: skip
    services.escalate_overdue_reports()
    late.refresh_from_db()

    _file(community, None, place="社区东门菜市场附近",
        seen="有位老人常在菜市场捡菜叶，好像生活很困难。",
        urgency=Urgency.NORMAL, capacity=Capacity.ANONYMOUS,
        phone="13800138111")  # fmt: skip
