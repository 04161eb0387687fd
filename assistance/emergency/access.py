"""Opening one advance aid: the permission check and the read log (the aid is
part of its case file, so the read goes to the case's `CaseRead` log, like any
other read of the file; the household's own reads are not logged)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from assistance.cases import access
from assistance.cases.models import CaseRead
from assistance.cases.rules import (
    is_case_coordinator,
    is_case_officer,
    is_case_supervisor,
)
from assistance.emergency.models import AdvanceAid

WHAT = "advance aid"


def _staff_capacity(user: Any, case: Any) -> str:
    if is_case_coordinator(user, case):
        return "coordinator"
    if is_case_officer(user, case):
        return "street officer"
    if is_case_supervisor(user, case):
        return "district supervisor"
    return ""


def open_aid(user: Any, aid: AdvanceAid) -> str:
    """Check the person may read the aid, log the read, return the capacity.

    While the case is still a draft the staff read the aid (not the draft):
    `access.capacity` does not cover them then, so the read is logged here."""
    if not user.has_perm("assistance.view_advance_aid", aid):
        raise PermissionDenied(_("You may not read this case file."))
    if access.capacity(user, aid.case):
        return access.open_case(user, aid.case, what=WHAT)
    found = _staff_capacity(user, aid.case)
    CaseRead.objects.create(case=aid.case, reader=user, capacity=found, what=WHAT)
    return found
