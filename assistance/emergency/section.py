"""The emergency aid section of the oversight dashboards (communities.oversight):
advance aid given this year, paperwork overdue, paperwork completed on time,
responses within the district's target, the median response time and declared
emergencies in force. Each figure links to the advance aid list of the scope in
view (a community's or a region's) when the viewer may open it. A fixed number
of queries whatever the number of communities or aids."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from assistance.emergency.selectors import dashboard_counts
from assistance.oversight.selectors import year_start
from communities.oversight import Figure, Section


def _list_url(communities: list[Any], user: Any) -> str:
    """The advance aid list of the narrowest scope naming all the communities."""
    if len(communities) == 1:
        scope, name, args = (
            communities[0],
            "assistance:advance-aid-list",
            [communities[0].slug],
        )
    elif communities and len({c.street_id for c in communities}) == 1:
        street = communities[0].street
        scope, name, args = street, "assistance:region-advance-aid", [street.slug]
    elif communities and len({c.street.parent_id for c in communities}) == 1:
        district = communities[0].street.parent
        scope, name, args = district, "assistance:region-advance-aid", [district.slug]
    else:
        return ""
    if not (user and user.has_perm("assistance.list_advance_aid", scope)):
        return ""
    return reverse(name, args=args)


def _periods_url(communities: list[Any], user: Any) -> str:
    districts = {c.street.parent_id for c in communities}
    if len(districts) != 1:
        return ""
    district = communities[0].street.parent
    if not (user and user.has_perm("assistance.view_emergency_periods", district)):
        return ""
    return reverse("assistance:emergency-periods", args=[district.slug])


def _with(url: str, **query: Any) -> str:
    return f"{url}?{urlencode(query)}" if url else ""


def figures(communities: Any, user: Any) -> list[Figure]:
    rows = list(communities.select_related("street__parent").order_by("pk"))
    counts = dashboard_counts([c.pk for c in rows])
    url, year = _list_url(rows, user), year_start().year
    target = counts["target"]
    within_label = (
        ngettext(
            "responses within the %(n)s-hour target",
            "responses within the %(n)s-hour target",
            target,
        )
        % {"n": target}
        if target
        else _("responses within the district's target")
    )
    median = counts["median_hours"]
    figures = [
        Figure(key="emergency_given_year", label=_("先行救助 given this year"), count=counts["given"], url=_with(url, year=year)),
        Figure(key="emergency_paperwork_overdue", label=_("先行救助 paperwork overdue"), count=counts["overdue"], url=_with(url, paperwork="overdue"), tone="bad" if counts["overdue"] else "ok"),
        Figure(key="emergency_paperwork_on_time", label=_("先行救助 paperwork completed on time this year"), count=counts["on_time"], url=_with(url, paperwork="on_time", year=year), tone="ok"),
        Figure(key="emergency_within_target", label=f"{within_label} ({counts['within_target']}/{counts['responses']})", count=counts["within_target"], url=_with(url, year=year), tone="ok" if counts["within_target"] == counts["responses"] else "warn"),
    ]  # fmt: skip
    if median is not None:
        figures.append(
            Figure(
                key="emergency_median_hours",
                label=_("median hours from first report to first help this year"),
                count=round(median),
                url=_with(url, year=year),
            )  # fmt: skip
        )
    figures.append(
        Figure(
            key="emergency_periods",
            label=_("declared emergencies in force"),
            count=counts["periods"],
            url=_periods_url(rows, user),
            tone="warn" if counts["periods"] else "neutral",
        )  # fmt: skip
    )
    return figures


SECTION = Section(
    key="assistance_emergency",
    title=_("Emergency aid (先行救助)"),
    figures=figures,
    order=36,
)
