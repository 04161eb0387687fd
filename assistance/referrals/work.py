"""The coordinator's work list section of service referrals: referrals declined
(to refer again elsewhere) and referrals no worker has answered within
`UNANSWERED_DAYS` (overdue). One query."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.masking import mask_name
from assistance.referrals.models import Referral
from assistance.worklist.registry import WorkSection

UNANSWERED_DAYS = 5
RECENT_DAYS = 30


def context(user: Any, community: Any) -> dict[str, Any] | None:
    if not user.has_perm("assistance.list_cases", community):
        return None
    now = timezone.now()
    late = now - datetime.timedelta(days=UNANSWERED_DAYS)
    rows = list(
        Referral.objects.filter(case__community=community)
        .filter(
            Q(
                status=Referral.Status.DECLINED,
                closed_at__gte=now - datetime.timedelta(days=RECENT_DAYS),
            )
            | Q(status=Referral.Status.REFERRED, referred_at__lt=late)
        )
        .select_related("case", "organisation")
        .order_by("referred_at", "pk")[:50]
    )
    for row in rows:
        row.masked_name = mask_name(row.case.applicant_name)
        row.late = row.status == Referral.Status.REFERRED
    if not rows:
        return None
    return {
        "rows": rows,
        "waiting": len(rows),
        "overdue": sum(1 for r in rows if r.late),
        "days": UNANSWERED_DAYS,
    }


SECTION = WorkSection(
    key="referrals",
    title=_("Service referrals to follow up"),
    template="assistance/referrals/_work.html",
    context=context,
    order=60,
)
