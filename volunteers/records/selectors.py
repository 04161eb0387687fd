"""Reads for the roster, service records, totals, certificates and the time bank.

Totals count current versions only (confirmed and not superseded). Each function
runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from communities.models import Community, Membership
from volunteers.records.models import (
    Certificate,
    ServiceRecord,
    TimeBankAccount,
    TimeBankTransaction,
)
from volunteers.shifts.models import Activity, Shift, SignUp, Team

ZERO = Decimal("0.00")
SENIOR_AGE = 60


def _q(value: Decimal | None) -> Decimal:
    """Two decimals (SQLite's SUM drops the scale)."""
    return (value or ZERO).quantize(ZERO)


def _sum(qs: QuerySet, **filters: Any) -> Decimal:
    return qs.filter(**filters).aggregate(total=Sum("hours"))["total"] or ZERO


def volunteer_totals(user: Any) -> dict[str, Decimal]:
    """This year's and all-time current confirmed hours of one person."""
    year = timezone.localdate().year
    totals = (
        ServiceRecord.objects.current()
        .filter(volunteer=user)
        .aggregate(
            all_time=Sum("hours"),
            this_year=Sum("hours", filter=Q(served_on__year=year)),
        )
    )
    return {k: _q(v) for k, v in totals.items()}


def community_totals(community: Community) -> dict[str, Any]:
    """Hours of the community (this year, all time) and per team, in two queries."""
    year = timezone.localdate().year
    current = ServiceRecord.objects.current().filter(community=community)
    overall = current.aggregate(
        all_time=Sum("hours"),
        this_year=Sum("hours", filter=Q(served_on__year=year)),
        volunteers=Count("volunteer", distinct=True),
    )
    teams = (
        Team.objects.filter(community=community)
        .annotate(
            all_time=Sum(
                "service_records__hours",
                filter=Q(
                    service_records__status=ServiceRecord.Status.CONFIRMED,
                    service_records__superseded_by__isnull=True,
                ),
            ),
            this_year=Sum(
                "service_records__hours",
                filter=Q(
                    service_records__status=ServiceRecord.Status.CONFIRMED,
                    service_records__superseded_by__isnull=True,
                    service_records__served_on__year=year,
                ),
            ),
        )
        .order_by("name")
    )
    teams = list(teams)
    for team in teams:
        team.all_time, team.this_year = _q(team.all_time), _q(team.this_year)
    return {
        "all_time": _q(overall["all_time"]),
        "this_year": _q(overall["this_year"]),
        "volunteers": overall["volunteers"],
        "teams": teams,
    }


def volunteer_totals_in(community: Community) -> QuerySet:
    """Per person in the community: this year's and all-time hours (one query)."""
    year = timezone.localdate().year
    return (
        ServiceRecord.objects.current()
        .filter(community=community)
        .values(
            "volunteer_id",
            "volunteer__display_name",
            "volunteer__real_name",
        )
        .annotate(
            all_time=Sum("hours"),
            this_year=Sum("hours", filter=Q(served_on__year=year)),
        )
        .order_by("-all_time", "volunteer_id")
    )


def roster(shift: Shift) -> list[SignUp]:
    """Confirmed places on a shift with attendance and service records (3 queries)."""
    records = ServiceRecord.objects.filter(superseded_by__isnull=True).order_by(
        "-version"
    )
    return list(
        SignUp.objects.filter(shift=shift, status=SignUp.Status.CONFIRMED)
        .select_related("volunteer", "attendance")
        .prefetch_related(Prefetch("service_records", queryset=records, to_attr="live"))
        .order_by("created_at", "pk")
    )


def records_for_review(community: Community) -> QuerySet:
    """Pending records of the community, oldest first."""
    return (
        ServiceRecord.objects.filter(
            community=community, status=ServiceRecord.Status.PENDING
        )
        .select_related("volunteer", "team", "signup__shift__activity")
        .order_by("served_on", "pk")
    )


def current_records(community: Community) -> QuerySet:
    return (
        ServiceRecord.objects.current()
        .filter(community=community)
        .select_related(
            "volunteer", "team", "confirmed_by", "signup__shift__activity", "supersedes"
        )
        .order_by("-served_on", "-pk")
    )


def my_records(user: Any) -> QuerySet:
    """A person's records: pending and current versions (superseded ones hidden)."""
    return (
        ServiceRecord.objects.filter(volunteer=user, superseded_by__isnull=True)
        .select_related("community", "team", "signup__shift__activity")
        .order_by("-served_on", "-pk")
    )


def my_certificates(user: Any) -> QuerySet:
    return Certificate.objects.filter(volunteer=user).select_related("community")


def time_bank_accounts(user: Any) -> QuerySet:
    return (
        TimeBankAccount.objects.filter(
            user=user, community__settings__time_bank_enabled=True
        )
        .select_related("community")
        .prefetch_related(
            Prefetch(
                "transactions",
                queryset=TimeBankTransaction.objects.select_related(
                    "service_record__signup__shift__activity", "counterparty"
                ).order_by("-created_at", "-pk"),
                to_attr="recent",
            )
        )
    )


def leaderboard(community: Community, limit: int = 50) -> list[dict[str, Any]]:
    """Opted-in volunteers of the community by hours (one query)."""
    year = timezone.localdate().year
    return list(
        ServiceRecord.objects.current()
        .filter(
            community=community,
            volunteer__volunteer_profile__show_on_leaderboard=True,
            volunteer__is_anonymised=False,
        )
        .values("volunteer_id", "volunteer__display_name", "volunteer__real_name")
        .annotate(
            all_time=Sum("hours"),
            this_year=Sum("hours", filter=Q(served_on__year=year)),
        )
        .order_by("-all_time", "volunteer_id")[:limit]
    )


def senior_family_members(user: Any, community: Community) -> list[Any]:
    """Who `user` may give credits to in `community` (the community's rule).

    The rule: a family member aged 60 or over, i.e. another verified resident of the
    same household of this community whose volunteer profile gives a birth date at
    least 60 years ago (accounts hold no birth date, so the profile is the source).
    """
    household_ids = Membership.objects.filter(
        user=user, community=community, status=Membership.Status.VERIFIED
    ).values("household_id")
    today = timezone.localdate()
    try:
        born_by = today.replace(year=today.year - SENIOR_AGE)
    except ValueError:  # 29 February
        born_by = today.replace(year=today.year - SENIOR_AGE, day=28)
    members = (
        Membership.objects.filter(
            community=community,
            status=Membership.Status.VERIFIED,
            household_id__in=household_ids,
            user__volunteer_profile__date_of_birth__lte=born_by,
        )
        .exclude(user=user)
        .select_related("user")
        .order_by("user__display_name", "user_id")
    )
    return [m.user for m in members]


def may_receive_credits(sender: Any, recipient: Any, community: Community) -> bool:
    return any(u.pk == recipient.pk for u in senior_family_members(sender, community))


def latest_record(signup: SignUp) -> ServiceRecord | None:
    """The sign-up's current version of its service record (pending or confirmed)."""
    return (
        ServiceRecord.objects.filter(signup=signup, superseded_by__isnull=True)
        .order_by("-version")
        .first()
    )


def paired_region_activities(tags: list[str]) -> dict[str, dict[str, Any]]:
    """Public selector for the pairing app: per paired-region tag, its published
    activities (title, link, community, team) with confirmed hours, the total
    hours and the teams that took part. Two queries, whatever the data."""
    activities = list(
        Activity.objects.published()
        .filter(paired_region__in=list(tags))
        .select_related("community", "team")
        .order_by("-published_at", "-pk")
    )
    hours = (
        dict(
            ServiceRecord.objects.current()
            .filter(signup__shift__activity__in=[a.pk for a in activities])
            .values_list("signup__shift__activity")
            .annotate(total=Sum("hours"))
            .order_by()
        )
        if activities
        else {}
    )
    out = {tag: {"activities": [], "hours": ZERO, "teams": []} for tag in tags}
    for activity in activities:
        entry = out[activity.paired_region]
        activity.hours = _q(hours.get(activity.pk))
        activity.url = reverse(
            "volunteers:activity", args=[activity.community.slug, activity.pk]
        )
        entry["activities"].append(activity)
        entry["hours"] += activity.hours
        if activity.team and activity.team not in entry["teams"]:
            entry["teams"].append(activity.team)
    return out


def pending_counts(communities: Any) -> dict[int, tuple[int, int]]:
    """{community pk: (service records waiting for confirmation, of which served
    more than a week ago)}: one query (the work desk)."""
    week_ago = timezone.localdate() - timedelta(days=7)
    rows = (
        ServiceRecord.objects.filter(
            community__in=communities, status=ServiceRecord.Status.PENDING
        )
        .values("community_id")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(served_on__lt=week_ago)))
    )
    return {row["community_id"]: (row["n"], row["late"]) for row in rows}
