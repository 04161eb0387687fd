"""The follow-up panel of the staff case page: the plan (kind, what, owner, due,
done or overdue), the form to add an item and, per open item, marking it done."""

from __future__ import annotations

from typing import Any

from assistance.cases.models import Case
from assistance.followup import selectors
from assistance.followup.forms import DoneForm, ItemForm
from assistance.handling.pages import kept_form


def follow_up_panel(request: Any, case: Case) -> dict[str, Any] | None:
    may = request.user.has_perm("assistance.manage_follow_up", case)
    items = selectors.plan(case)
    if not (items or may):
        return None
    rows = []
    for item in items:
        entry: dict[str, Any] = {"item": item}
        if may and not item.is_done:
            entry["done_form"] = kept_form(
                request, f"follow-done-{item.pk}"
            ) or DoneForm(prefix=f"done-{item.pk}")
        rows.append(entry)
    return {
        "case": case,
        "rows": rows,
        "may": may,
        "form": kept_form(request, "follow-up-add")
        or (ItemForm(case=case, prefix="follow") if may else None),
    }
