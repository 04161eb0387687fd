"""The assistance coordinator's work list (reviews due, warnings, and the other
concerns' sections) of a community holding 5,000 recipient households (confirmed
低保 and 特困 cases, each with its review date, one in fifty with an open
warning), as the bench coordinator of bench/scenarios/assistance.py.

The households are created on first use in bulk and found again by their marker,
so running twice adds nothing.
"""

from __future__ import annotations

from bench.scenarios import Scenario

HOUSEHOLDS = 5000
MARKER = "BENCH-WORKLIST"


def build(community, count: int, *, marker: str = MARKER) -> None:
    """`count` confirmed recipients of `community`, with review dates from 60 days
    ago to ten months ahead and an open warning on one in fifty (bulk)."""
    import datetime

    from django.utils import timezone

    from assistance.cases.access import phone_digest
    from assistance.cases.models import Case, HouseholdMember
    from assistance.monitoring.models import EarlyWarning, ReviewSchedule

    today = timezone.localdate()
    now = timezone.now()
    phone = "13900000001"
    digest = phone_digest(phone)
    cases = Case.objects.bulk_create(
        Case(
            community=community,
            applicant_name=f"基准受助人{n}",
            applicant_phone=phone,
            phone_digest=digest,
            kind="tekun" if n % 5 == 0 else "dibao",
            state="confirmed",
            reason="基准测试",
            service_point=marker,
            created_at=now - datetime.timedelta(days=400),
            decided_at=now - datetime.timedelta(days=n % 365),
            closed_at=now - datetime.timedelta(days=n % 365),
            monthly_amount=1000,
        )
        for n in range(count)
    )
    HouseholdMember.objects.bulk_create(
        HouseholdMember(case=case, name=case.applicant_name, relationship="self")
        for case in cases
    )
    ReviewSchedule.objects.bulk_create(
        ReviewSchedule(
            case=case,
            community=community,
            due_on=today + datetime.timedelta(days=n % 365 - 60),
            cycle_months=12,
            counted_from=today - datetime.timedelta(days=300),
        )
        for n, case in enumerate(cases)
    )
    EarlyWarning.objects.bulk_create(
        EarlyWarning(case=case, community=community, reason="income_drop")
        for n, case in enumerate(cases)
        if n % 50 == 0
    )


def _work_list() -> str:
    from django.db import transaction
    from django.urls import reverse

    from assistance.cases.models import Case
    from bench.scenarios import assistance as base

    community = base._community()
    with transaction.atomic():
        if not Case.objects.filter(community=community, service_point=MARKER).exists():
            build(community, HOUSEHOLDS)
    return reverse("assistance:work", args=[community.slug])


def _coordinator():
    from bench.scenarios import assistance as base

    return base._coordinator()


SCENARIOS = [
    Scenario(
        "assistance_worklist_5000",
        _work_list,
        signed_in=True,
        user=_coordinator,
    ),
]
