"""Reads of service-type assistance: a worker's referrals, a case's referrals and
links, the organisations and contracts of a region with what was delivered, and
the dashboard's counts. Each runs a fixed number of queries."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from assistance.cases.models import CaseRead
from assistance.referrals.models import (
    OPEN_REFERRAL,
    CaseLink,
    ContractItem,
    Referral,
    ReferralVisit,
    Service,
    ServiceContract,
    SocialWorker,
    SocialWorkOrganisation,
)
from communities.models import Community, Region

S = Referral.Status


def referral(pk: int) -> Referral:
    return get_object_or_404(
        Referral.objects.select_related(
            "case__community__street",
            "case__household",
            "organisation",
            "worker__user",
        ),
        pk=pk,
    )


def my_referrals(user: Any) -> QuerySet[Referral]:
    """Referrals assigned to the person's active posts, and the unassigned ones
    of organisations they lead."""
    posts = SocialWorker.objects.filter(user=user, is_active=True)
    led = posts.filter(is_lead=True).values("organisation_id")
    return (
        Referral.objects.filter(
            Q(worker__in=posts) | Q(worker__isnull=True, organisation_id__in=led)
        )
        .select_related("case__community", "organisation")
        .order_by("status", "-referred_at", "-pk")
    )


def active_workers(organisation: SocialWorkOrganisation) -> QuerySet[SocialWorker]:
    return organisation.workers.filter(is_active=True).select_related("user")


def organisations_serving(community: Community) -> QuerySet[SocialWorkOrganisation]:
    return SocialWorkOrganisation.objects.filter(areas=community).order_by("name")


def case_referrals(case: Any) -> list[Referral]:
    return list(
        case.referrals.select_related("organisation", "worker__user").annotate(
            visit_count=Count("visits")
        )
    )


def case_links(case: Any) -> list[CaseLink]:
    return list(CaseLink.objects.filter(case=case))


def log_read(user: Any, referral: Referral, capacity: str) -> None:
    """A worker's read of the referral's case data, logged like a case read."""
    CaseRead.objects.create(
        case=referral.case, reader=user, capacity=capacity, what="service referral"
    )


def regions_below(region: Region) -> Q:
    """Communities of a street, or of every street of a district."""
    if region.is_district:
        return Q(street__parent=region)
    return Q(street=region)


def organisations_of(region: Region) -> QuerySet[SocialWorkOrganisation]:
    district = region if region.is_district else region.parent
    orgs = SocialWorkOrganisation.objects.filter(district=district)
    if not region.is_district:
        orgs = orgs.filter(Q(street=region) | Q(street__isnull=True))
    return orgs.annotate(
        worker_count=Count("workers", filter=Q(workers__is_active=True), distinct=True)
    ).order_by("name")


def _delivered(model: type, date_field: str, **filters: Any) -> Any:
    """How many referrals completed (or visits made) in the contract's period, by
    its organisation, for its service, in the buyer's area."""
    prefix = "" if model is Referral else "referral__"
    buyer = OuterRef("contract__buyer_id")
    rows = (
        model.objects.filter(
            Q(**{f"{prefix}case__community__street_id": buyer})
            | Q(**{f"{prefix}case__community__street__parent_id": buyer}),
            **{
                f"{prefix}organisation_id": OuterRef("contract__organisation_id"),
                f"{prefix}service": OuterRef("service"),
                f"{date_field}__gte": OuterRef("contract__starts_on"),
                f"{date_field}__lte": OuterRef("contract__ends_on"),
            },
            **filters,
        )
        .order_by()
        .values(f"{prefix}organisation_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def contract_items(contracts: Any) -> list[ContractItem]:
    """The items of these contracts with `delivered` (one query)."""
    items = ContractItem.objects.filter(contract__in=contracts).annotate(
        cases_done=_delivered(Referral, "closed_at__date", status=S.COMPLETED),
        visits_done=_delivered(ReferralVisit, "visited_on"),
    )
    rows = list(items.select_related("contract"))
    for item in rows:
        item.delivered = (
            item.cases_done
            if item.unit == ContractItem.Unit.CASES
            else item.visits_done
        )
    return rows


def contracts_of(region: Region) -> list[ServiceContract]:
    """The contracts bought by the region (and, for a district, its streets),
    each with its items and their delivered counts."""
    return with_items(contracts_query(region))


def contracts_query(region: Region) -> QuerySet[ServiceContract]:
    """The region's contracts in list order (paginate, then `with_items`)."""
    return (
        ServiceContract.objects.filter(Q(buyer=region) | Q(buyer__parent=region))
        .select_related("organisation", "buyer")
        .order_by("-starts_on", "pk")
    )


def with_items(contracts: Any) -> list[ServiceContract]:
    """These contracts, each with its items and their delivered counts (`rows`)."""
    contracts = list(contracts)
    by_contract: dict[int, list[ContractItem]] = {c.pk: [] for c in contracts}
    for item in contract_items([c.pk for c in contracts]):
        by_contract[item.contract_id].append(item)
    for contract in contracts:
        contract.rows = by_contract[contract.pk]
    return contracts


def region_referrals(region: Region, filters: dict[str, str]) -> QuerySet[Referral]:
    rows = Referral.objects.filter(
        case__community__in=Community.objects.filter(regions_below(region))
    )
    if filters.get("service"):
        rows = rows.filter(service=filters["service"])
    if filters.get("status") == "open":
        rows = rows.filter(status__in=OPEN_REFERRAL)
    elif filters.get("status"):
        rows = rows.filter(status=filters["status"])
    if filters.get("outcome"):
        rows = rows.filter(outcome=filters["outcome"])
    return rows.select_related("case__community", "organisation", "worker__user")


def dashboard_counts(communities: Any) -> dict[str, Any]:
    """Open referrals, open per service, completed and achieved (one query)."""
    open_ = Q(status__in=OPEN_REFERRAL)
    aggregates = {"open": Count("pk", filter=open_)}
    for service in Service:
        aggregates[service.value] = Count("pk", filter=open_ & Q(service=service))
    aggregates["completed"] = Count("pk", filter=Q(status=S.COMPLETED))
    aggregates["achieved"] = Count(
        "pk", filter=Q(status=S.COMPLETED, outcome=Referral.Outcome.ACHIEVED)
    )
    return Referral.objects.filter(case__community__in=communities).aggregate(
        **aggregates
    )


def contracts_running(communities: Any, on: datetime.date) -> tuple[int, int]:
    """Contracted and delivered, summed over the contracts in force today bought
    by the streets or districts of these communities (one query)."""
    streets = communities.values("street_id")
    districts = communities.values("street__parent_id")
    contracts = ServiceContract.objects.filter(
        Q(buyer__in=streets) | Q(buyer__in=districts),
        starts_on__lte=on,
        ends_on__gte=on,
    )
    items = contract_items(contracts.values("pk"))
    return (
        sum(i.quantity for i in items),
        sum(min(i.delivered, i.quantity) for i in items),
    )
