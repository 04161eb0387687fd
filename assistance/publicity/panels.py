"""The 公示 panel of the staff case page: start the notice, the notice itself,
and the objections (the objector's identity only for officers and supervisors)."""

from __future__ import annotations

from typing import Any

from assistance.cases.models import Case
from assistance.cases.rules import is_case_officer, is_case_supervisor
from assistance.decisions.forms import next_month
from assistance.publicity import selectors
from assistance.publicity.forms import ObjectionNoteForm, StartPublicityForm


def publicity_panel(request: Any, case: Case) -> dict[str, Any] | None:
    user = request.user
    may_start = user.has_perm("assistance.start_publicity", case)
    sees_objections = is_case_officer(user, case) or is_case_supervisor(user, case)
    if not (may_start or sees_objections):
        return None
    notice = selectors.current_publicity(case)
    objections = list(selectors.objections_of(case)) if sees_objections else []
    if not may_start and notice is None and not objections:
        return None
    return {
        "case": case,
        "notice": notice,
        "may_start": may_start,
        "start_form": StartPublicityForm(initial={"start_month": next_month()})
        if may_start
        else None,
        "objections": objections,
        "may_handle": user.has_perm("assistance.handle_objection", case),
        "note_form": ObjectionNoteForm(),
        "next": request.get_full_path(),
    }
