"""Who may do what with reports of households in difficulty (docs/permissions.md,
"Reports of households in difficulty").

Anyone may file a report (an anonymous visitor with a phone number). The
community's assistance coordinators list, read and handle its reports; the
street's assistance officers read and handle those escalated to them; the
district's supervisors read them all. Committee members and residents, as such,
see none.
"""

from __future__ import annotations

from typing import Any

import rules

from assistance.discovery.models import Report
from communities.roles.rules import (
    is_aid_coordinator,
    is_aid_officer_for,
    is_aid_supervisor_for,
)


@rules.predicate
def is_escalated(user: Any, report: Any) -> bool:
    return isinstance(report, Report) and report.escalated_at is not None


@rules.predicate
def is_open(user: Any, report: Any) -> bool:
    return isinstance(report, Report) and report.handled_at is None


rules.add_perm("assistance.file_report", rules.always_allow)
rules.add_perm(
    "assistance.list_reports",
    is_aid_coordinator | is_aid_officer_for | is_aid_supervisor_for,
)
rules.add_perm(
    "assistance.view_report",
    is_aid_coordinator | (is_aid_officer_for & is_escalated) | is_aid_supervisor_for,
)
rules.add_perm(
    "assistance.handle_report",
    is_open & (is_aid_coordinator | (is_aid_officer_for & is_escalated)),
)
