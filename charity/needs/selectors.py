"""Reads of needs: how much of each is covered, delivered, missing or surplus."""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from charity.needs.models import Need, NeedPledge


def with_coverage(needs: QuerySet) -> QuerySet:
    """Annotate delivered and pledged quantities: part of the same query."""
    return needs.annotate(
        delivered=Coalesce(
            Sum(
                "pledges__quantity",
                filter=Q(pledges__status=NeedPledge.Status.DELIVERED),
            ),
            Value(0),
            output_field=IntegerField(),
        ),
        pledged=Coalesce(
            Sum(
                "pledges__quantity",
                filter=Q(pledges__status=NeedPledge.Status.PLEDGED),
            ),
            Value(0),
            output_field=IntegerField(),
        ),
    )


def covered(needs: list[Need]) -> list[Need]:
    """Covered, missing and surplus for annotated needs (percent for the bar)."""
    for need in needs:
        need.covered = need.delivered + need.pledged
        need.missing = max(0, need.quantity - need.covered)
        need.surplus = max(0, need.covered - need.quantity)
        need.progress = min(100, int(need.covered * 100 / need.quantity))
        need.delivered_progress = min(100, int(need.delivered * 100 / need.quantity))
    return needs


def community_needs_query(community: Any, *, open_only: bool = False) -> QuerySet:
    """The community's needs, annotated, in list order (paginate, then `covered`)."""
    needs = Need.objects.filter(community=community)
    if open_only:
        needs = needs.filter(status=Need.Status.OPEN)
    return with_coverage(needs).order_by("status", "needed_by", "pk")


def community_needs(community: Any, *, open_only: bool = False) -> list[Need]:
    return covered(list(community_needs_query(community, open_only=open_only)))


def need_coverage(need: Need) -> dict[str, int]:
    """Delivered, pledged (not yet delivered), covered, missing and surplus."""
    rows = dict(
        NeedPledge.objects.filter(need=need)
        .values_list("status")
        .annotate(total=Sum("quantity"))
        .values_list("status", "total")
    )
    delivered = rows.get(NeedPledge.Status.DELIVERED) or 0
    pledged = rows.get(NeedPledge.Status.PLEDGED) or 0
    covered = delivered + pledged
    return {
        "delivered": delivered,
        "pledged": pledged,
        "covered": covered,
        "missing": max(0, need.quantity - covered),
        "surplus": max(0, covered - need.quantity),
    }


def open_needs(community: Any, limit: int) -> list[Need]:
    """The community's open needs, most urgent first, with their coverage."""
    needs = Need.objects.filter(community=community, status=Need.Status.OPEN)
    return covered(list(with_coverage(needs).order_by("needed_by", "pk")[:limit]))


def my_need_pledges(user: Any, limit: int) -> list[NeedPledge]:
    """This person's pledges of goods to needs, newest first."""
    return list(
        NeedPledge.objects.filter(donor=user)
        .select_related("need__community")
        .order_by("-created_at", "-pk")[:limit]
    )
