"""What the district's charity projects and volunteer activities gave a paired
region, read only through those apps' public selectors
(`charity.projects.selectors.paired_region_totals`,
`volunteers.records.selectors.paired_region_activities`), matched on the paired
region's full name. Three queries for any number of regions and projects."""

from __future__ import annotations

from typing import Any

from charity.projects.selectors import paired_region_totals
from volunteers.records.selectors import paired_region_activities


def contributions_to(names: list[str]) -> dict[str, dict[str, Any]]:
    """Per paired-region name: charity projects and totals, volunteer activities
    and hours, and the social organisations that took part."""
    charity = paired_region_totals(names)
    volunteers = paired_region_activities(names)
    out = {}
    for name in names:
        given, served = charity[name], volunteers[name]
        out[name] = {
            **given,
            "activities": served["activities"],
            "hours": served["hours"],
            "teams": served["teams"],
            "taking_part": [o.name for o in given["organisations"]]
            + [t.name for t in served["teams"]],
        }
    return out
