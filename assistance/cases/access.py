"""Opening a case file: the permission check and the read log in one call, so no
view can show a case without the read being recorded. The applicant's household
sees the log ("who read my file")."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from assistance.cases.models import Case, CaseRead
from assistance.cases.rules import (
    is_case_coordinator,
    is_case_officer,
    is_case_supervisor,
    is_filer,
    is_household_member,
)
from audit.services import record
from communities.rules import is_platform_admin

# Session key holding the case ids a platform admin opened with a recorded reason.
ADMIN_CASES_SESSION_KEY = "assistance_admin_cases"


def capacity(user: Any, case: Case) -> str:
    """In which capacity the person may read the file, or "" if they may not."""
    if is_household_member(user, case):
        return "household"
    if case.state != "draft":
        if is_case_coordinator(user, case):
            return "coordinator"
        if is_case_officer(user, case):
            return "street officer"
        if is_case_supervisor(user, case):
            return "district supervisor"
    if case.state in ("draft", "returned") and is_filer(user, case):
        return "filer"
    return ""


def open_case(
    user: Any, case: Case, *, what: str = "case file", session: Any = None
) -> str:
    """Check the person may read `case`, log the read, return the capacity.

    A platform admin who recorded a reason for this case in this session (see
    `open_with_reason`) reads as "platform admin"; anyone else is refused.
    """
    found = capacity(user, case)
    reason = ""
    if (
        not found
        and session is not None
        and is_platform_admin(user)
        and case.pk in session.get(ADMIN_CASES_SESSION_KEY, [])
    ):
        found = "platform admin"
        reason = (
            CaseRead.objects.filter(case=case, reader=user, capacity=found)
            .exclude(reason="")
            .values_list("reason", flat=True)
            .first()
            or ""
        )
    if not found:
        raise PermissionDenied(_("You may not read this case file."))
    if found != "household":
        CaseRead.objects.create(
            case=case, reader=user, capacity=found, what=what[:60], reason=reason
        )
    return found


def open_with_reason(user: Any, case: Case, *, reason: str, session: Any) -> None:
    """A platform admin records why they need this file; audited, then allowed
    for the rest of the session."""
    if not is_platform_admin(user):
        raise PermissionDenied(_("You may not read this case file."))
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Say why you need this case file (at least 10 characters).")}
        )
    CaseRead.objects.create(
        case=case,
        reader=user,
        capacity="platform admin",
        what="reason",
        reason=reason[:300],
    )
    record(
        actor=user,
        action="assistance.admin_read",
        target=case,
        community=case.community,
        data={"reason": reason[:300]},
    )
    opened = list(session.get(ADMIN_CASES_SESSION_KEY, []))
    if case.pk not in opened:
        opened.append(case.pk)
    session[ADMIN_CASES_SESSION_KEY] = opened


def phone_digest(phone: str) -> str:
    """A keyed hash of a phone number (digits only) for the public status query."""
    digits = "".join(ch for ch in (phone or "") if ch.isdigit())
    if not digits:
        return ""
    key = (settings.SECRET_KEY + ":assistance-phone").encode()
    return hmac.new(key, digits.encode(), hashlib.sha256).hexdigest()
