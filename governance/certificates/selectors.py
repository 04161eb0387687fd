"""Reads of certificates (出具证明): a district's allowed list, a community's queue
and register, a person's requests, the dashboard counts. Each list runs a fixed
number of queries whatever the number of rows."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from communities.models import Community, Region
from governance.certificates.models import CertificateRequest, CertificateType

S = CertificateRequest.Status


def district_id_of(community: Community) -> int | None:
    """The district above a community (its street's parent)."""
    return community.street.parent_id if community.street_id else None


def types_of_district(
    district_id: int | None, *, active_only: bool = True
) -> QuerySet[CertificateType]:
    types = CertificateType.objects.filter(district_id=district_id)
    if active_only:
        types = types.filter(is_active=True)
    return types.order_by("order", "name")


def types_for(community: Community) -> QuerySet[CertificateType]:
    """The allowed list published on a community's site."""
    return types_of_district(district_id_of(community))


def _requests() -> QuerySet[CertificateRequest]:
    return CertificateRequest.objects.select_related(
        "certificate_type", "applicant", "community", "handled_by"
    )


def queue(community: Community) -> QuerySet[CertificateRequest]:
    """The requests waiting for the committee, the oldest due first."""
    return (
        _requests()
        .filter(community=community, status=S.SUBMITTED)
        .order_by("due_on", "submitted_at", "pk")
    )


def requests_of(user: Any, community: Community) -> QuerySet[CertificateRequest]:
    return _requests().filter(applicant=user, community=community)


def requests_of_person(user: Any) -> QuerySet[CertificateRequest]:
    return _requests().filter(applicant=user)


def request_in(community: Community, pk: int) -> CertificateRequest | None:
    return _requests().filter(community=community, pk=pk).first()


def by_serial(serial: str) -> CertificateRequest | None:
    """An issued certificate by its (normalised) serial."""
    if not serial:
        return None
    return (
        CertificateRequest.objects.filter(serial=serial, status=S.ISSUED)
        .select_related("community")
        .first()
    )


def register(
    communities: Any,
    *,
    status: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    overdue: bool = False,
) -> QuerySet[CertificateRequest]:
    """台账: every request of these communities, newest first, filtered."""
    rows = _requests().filter(community__in=communities)
    if status:
        rows = rows.filter(status=status)
    if overdue:
        rows = rows.filter(status=S.SUBMITTED, due_on__lt=timezone.localdate())
    if date_from:
        rows = rows.filter(submitted_at__date__gte=date_from)
    if date_to:
        rows = rows.filter(submitted_at__date__lte=date_to)
    return rows.order_by("-submitted_at", "-pk")


def communities_of_region(region: Region) -> QuerySet[Community]:
    return Community.objects.in_region(region).select_related("street")


def _counts() -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "requests": Count("pk"),
        "issued": Count("pk", filter=Q(status=S.ISSUED)),
        "refused": Count("pk", filter=Q(status=S.REFUSED)),
        "overdue": Count("pk", filter=Q(status=S.SUBMITTED, due_on__lt=today)),
    }


def dashboard_counts(communities: Any) -> dict[str, int]:
    """Requests, issued, refused and overdue over these communities (one query)."""
    return CertificateRequest.objects.filter(community__in=communities).aggregate(
        **_counts()
    )


def dashboard_counts_per_community(communities: Any) -> dict[int, dict[str, int]]:
    """The same counts per community (one query)."""
    rows = (
        CertificateRequest.objects.filter(community__in=communities)
        .values("community_id")
        .annotate(**_counts())
    )
    return {row.pop("community_id"): row for row in rows}


def overdue_unnotified() -> QuerySet[CertificateRequest]:
    return CertificateRequest.objects.filter(
        status=S.SUBMITTED,
        due_on__lt=timezone.localdate(),
        overdue_notified_at__isnull=True,
    ).select_related("community", "certificate_type")
