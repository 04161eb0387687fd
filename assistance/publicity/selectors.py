"""Reading 公示: what a community shows today, a case's current notice and its
pending objections."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from assistance.cases.models import Case
from assistance.publicity.models import PUBLIC_FIELDS, Publicity, PublicityObjection
from communities.models import Community


def showing_in(
    community: Community, on: datetime.date | None = None
) -> QuerySet[Publicity]:
    """The notices up in a community today, only the whitelisted columns."""
    return (
        Publicity.objects.showing(on)
        .filter(community=community)
        .only("pk", *[name for name in PUBLIC_FIELDS if name != "community"])
        .order_by("-starts_on", "pk")
    )


def current_publicity(case: Case) -> Publicity | None:
    """The case's latest notice not withdrawn (running or ended)."""
    return (
        Publicity.objects.filter(case=case, withdrawn_at__isnull=True)
        .order_by("-starts_on", "-pk")
        .first()
    )


def pending_objections(case: Case) -> QuerySet[PublicityObjection]:
    return PublicityObjection.objects.filter(
        publicity__case=case, outcome=PublicityObjection.Outcome.PENDING
    )


def objections_of(case: Case) -> QuerySet[PublicityObjection]:
    """Every objection to the case's notices, newest first (officers only)."""
    return PublicityObjection.objects.filter(publicity__case=case).select_related(
        "publicity", "objector", "handled_by"
    )


def clock_restarted_on(publicity: Publicity) -> datetime.date:
    """The day the confirmation clock starts: the end of the 公示, or later when
    an objection stopped it and was dismissed after the end."""
    last = (
        publicity.objections.exclude(handled_at__isnull=True)
        .order_by("-handled_at")
        .values_list("handled_at", flat=True)
        .first()
    )
    if last is None:
        return publicity.ends_on
    return max(publicity.ends_on, timezone.localdate(last))
