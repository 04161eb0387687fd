"""The instalments panel of the staff case page: the schedule with each
instalment's state, the form to set it (street officer) and, per instalment
due, the release and skip forms (coordinator or officer)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from assistance.cases.models import Case
from assistance.handling.pages import kept_form
from assistance.instalments import selectors, services
from assistance.instalments.forms import ReasonForm, ReleaseForm, ScheduleForm


def _row(request: Any, row: Any, may_release: bool, today: datetime.date) -> dict:
    entry: dict[str, Any] = {
        "row": row,
        "overdue": row.is_scheduled and row.due_on < today,
        "on_time": row.released_at is not None
        and timezone.localdate(row.released_at) <= row.due_on,
    }
    if may_release and row.is_scheduled:
        opens = row.due_on - datetime.timedelta(days=services.RELEASE_WINDOW_DAYS)
        entry["releasable"] = today >= opens
        entry["release_form"] = kept_form(request, f"release-{row.pk}") or ReleaseForm(
            prefix=f"release-{row.pk}"
        )
        entry["skip_form"] = kept_form(request, f"skip-{row.pk}") or ReasonForm(
            prefix=f"skip-{row.pk}"
        )
    return entry


def instalments_panel(request: Any, case: Case) -> dict[str, Any] | None:
    user = request.user
    may_set = user.has_perm("assistance.set_instalments", case)
    may_release = user.has_perm("assistance.release_instalment", case)
    rows = selectors.schedule(case)
    if not (rows or may_set):
        return None
    today = timezone.localdate()
    pending = [r for r in rows if r.is_scheduled]
    approved, exact = services.approved_amount(case)
    return {
        "case": case,
        "rows": [_row(request, r, may_release, today) for r in rows],
        "may_set": may_set,
        "may_release": may_release and bool(pending),
        "approved": approved,
        "exact": exact,
        "schedule_form": kept_form(request, "instalments-schedule")
        or ScheduleForm(pending=pending),
        "stop_form": kept_form(request, "instalments-stop")
        or ReasonForm(prefix="stop"),
    }
