"""A community's service records: totals, export and the public leaderboard."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.masking import shown_name
from audit.services import record as audit
from communities.cache import cache_public_page
from communities.csv_export import csv_response, safe_writer
from communities.models import Community
from communities.views import community_or_404, render_community
from volunteers.records import selectors
from volunteers.shifts.views import NAV_KEY, guard


def records_overview(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_or_404(slug)
    refused = guard(request, "volunteers.view_records", community, community)
    if refused is not None:
        return refused
    people = Paginator(selectors.volunteer_totals_in(community), 50).get_page(
        request.GET.get("people")
    )
    records = Paginator(selectors.current_records(community), 50).get_page(
        request.GET.get("page")
    )
    return render_community(
        request,
        community,
        "volunteers/records/overview.html",
        {
            "totals": selectors.community_totals(community),
            "pending": selectors.records_for_review(community)[:100],
            "people": people,
            "records": records,
        },
        nav_key=NAV_KEY,
    )


def records_export(request: HttpRequest, slug: str) -> HttpResponse:
    """Current confirmed records as CSV: masked names, never ID numbers or contacts."""
    community = community_or_404(slug)
    refused = guard(request, "volunteers.view_records", community, community)
    if refused is not None:
        return refused
    totals = request.GET.get("kind") == "totals"
    name = "service-totals" if totals else "service-hours"
    response = csv_response(f"{name}-{community.slug}.csv")
    writer = safe_writer(response)
    if totals:
        data = {"rows": _write_totals(writer, community), "kind": "totals"}
    else:
        data = {"rows": _write_records(writer, community)}
    audit(
        actor=request.user,
        action="volunteers.records_exported",
        community=community,
        data=data,
    )
    return response


def _write_records(writer: Any, community: Community) -> int:
    """One row per current confirmed record (masked names)."""
    writer.writerow(
        [
            _("Record"),
            _("Version"),
            _("Served on"),
            _("Activity"),
            _("Team"),
            _("Volunteer"),
            _("Hours"),
            _("Reason"),
            _("Confirmed at"),
        ]
    )
    count = 0
    for item in selectors.current_records(community).iterator(chunk_size=500):
        volunteer = item.volunteer
        writer.writerow(
            [
                item.pk,
                item.version,
                item.served_on.isoformat(),
                item.signup.shift.activity.title,
                item.team.name if item.team else "",
                shown_name(volunteer.display_name, volunteer.real_name),
                item.hours,
                item.reason,
                timezone.localtime(item.confirmed_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
        count += 1
    return count


def _write_totals(writer: Any, community: Community) -> int:
    """One row per volunteer: this year's and all-time hours (masked names)."""
    writer.writerow([_("Volunteer"), _("This year"), _("All time")])
    count = 0
    for row in selectors.volunteer_totals_in(community).iterator(chunk_size=500):
        name = shown_name(row["volunteer__display_name"], row["volunteer__real_name"])
        writer.writerow(
            [
                name,
                (row["this_year"] or 0),
                row["all_time"],
            ]
        )
        count += 1
    return count


@cache_public_page
def leaderboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Opted-in volunteers of the community by hours (public)."""
    community = community_or_404(slug)
    rows = [
        {
            "name": shown_name(
                row["volunteer__display_name"], row["volunteer__real_name"]
            )
            or _("volunteer"),
            "all_time": row["all_time"],
            "this_year": row["this_year"],
        }
        for row in selectors.leaderboard(community)
    ]
    return render_community(
        request,
        community,
        "volunteers/records/leaderboard.html",
        {"rows": rows},
        nav_key=NAV_KEY,
    )
