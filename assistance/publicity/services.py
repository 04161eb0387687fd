"""公示 writes: starting the notice (only whitelisted fields are copied), filing
an objection (anyone, privately, rate-limited), and the officers' handling of it
(uphold: the notice comes down and the case goes back for a new investigation;
dismiss: the notice stands)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.masking import mask_name
from assistance.cases.models import Case, Kind
from assistance.cases.notify import tell_applicant
from assistance.cases.workflow import note_step, transition
from assistance.decisions import amounts
from assistance.decisions.models import DistrictException
from assistance.decisions.selectors import has_exception
from assistance.investigation.models import ReviewOpinion
from assistance.publicity.models import Publicity, PublicityObjection
from assistance.standards.selectors import district_of, settings_for
from audit.services import record
from communities.models import Role
from communities.selectors import role_holders
from notifications.services import notify

KIND_OBJECTION_FILED = "assistance.publicity_objection"
MIN_PUBLICITY_DAYS = 3
OBJECTIONS_PER_HOUR = 5  # per person or address
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")


def _require(actor: Any, perm: str, case: Case) -> None:
    if not actor.has_perm(perm, case):
        raise PermissionDenied(_("You may not take this step on this case."))


def publicity_days(case: Case) -> int:
    """The district's 公示 length (default 7), never under the minimum of 3."""
    days = settings_for(district_of(case.community)).publicity_days
    return max(days or 7, MIN_PUBLICITY_DAYS)


def period_text(case: Case, start_month: datetime.date) -> str:
    if case.kind == Kind.TEMPORARY:
        return _("once")
    if case.kind == Kind.LOW_INCOME:
        return _("recognised from %(month)s") % {"month": f"{start_month:%Y-%m}"}
    return _("monthly from %(month)s") % {"month": f"{start_month:%Y-%m}"}


@transaction.atomic
def start_publicity(
    *,
    case: Case,
    actor: Any,
    start_month: datetime.date,
    amount: Decimal | None = None,
) -> Publicity:
    """Put the case's notice up in its community from today."""
    _require(actor, "assistance.start_publicity", case)
    opinion = ReviewOpinion.objects.filter(case=case).order_by("-at", "-pk").first()
    if opinion is None or not opinion.recommends_approval:
        raise ValidationError(
            _("Only a case the street's review recommends for approval is published."),
            code="not_recommended",
        )
    proposed = amounts.amount_for(
        case,
        start_month=start_month,
        entered=amount,
        above_limit_granted=has_exception(case, DistrictException.Kind.ABOVE_LIMIT),
    )
    today = timezone.localdate()
    publicity = Publicity.objects.create(
        case=case,
        community=case.community,
        masked_name=mask_name(case.applicant_name),
        household_size=max(case.members.count(), 1),
        kind=case.kind,
        amount=proposed.value,
        period=period_text(case, start_month)[:60],
        hotline=settings_for(district_of(case.community)).complaint_hotline,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=publicity_days(case) - 1),
        started_by=actor,
    )
    transition(
        case,
        "publish",
        actor=actor,
        note=proposed.calculation,
        public_note=_("Public notice until %(day)s.") % {"day": publicity.ends_on},
        data={"publicity": publicity.pk, "ends_on": publicity.ends_on.isoformat()},
    )
    tell_applicant(
        case,
        _("Your application is on public notice"),
        _("The notice in your community runs until %(day)s.")
        % {"day": publicity.ends_on},
    )
    return publicity


def _take_slot(client_key: str) -> bool:
    """One filing against the allowance of this person or address this hour."""
    hour = int(timezone.now().timestamp() // 3600)
    key = f"assistance:objections:{client_key}:{hour}"
    if cache.add(key, 1, timeout=7200):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=7200)
        return True
    return count <= OBJECTIONS_PER_HOUR


def _clean_objection(user: Any, name: str, phone: str, text: str) -> dict:
    errors: dict[str, str] = {}
    text, name, phone = (
        (text or "").strip(),
        (name or "").strip(),
        (phone or "").strip(),
    )
    if len(text) < 10:
        errors["text"] = _("Say what is wrong in a few words (at least 10 characters).")
    elif len(text) > 2000:
        errors["text"] = _("Keep it under 2000 characters.")
    signed_in = getattr(user, "is_authenticated", False)
    if not signed_in and not name:
        errors["name"] = _("Give your name, or sign in.")
    if len(name) > 60:
        errors["name"] = _("Keep your name under 60 characters.")
    if (phone or not signed_in) and not _PHONE.match(phone):
        errors["phone"] = _("Give a phone number the officers can call back.")
    if errors:
        raise ValidationError(errors)
    return {"text": text, "name": name, "phone": phone}


@transaction.atomic
def file_objection(
    *,
    publicity: Publicity,
    user: Any,
    text: str,
    name: str = "",
    phone: str = "",
    client_key: str = "",
) -> PublicityObjection:
    """Anyone objects to a notice that is up; the street's officers are told.

    The objector's identity is kept on the objection and shown only to the
    officers and supervisors on the case page.
    """
    clean = _clean_objection(user, name, phone, text)
    locked = Publicity.objects.select_for_update().get(pk=publicity.pk)
    if not Publicity.objects.showing().filter(pk=locked.pk).exists():
        raise ValidationError(_("This notice is no longer up."), code="not_showing")
    signed_in = getattr(user, "is_authenticated", False)
    if not _take_slot(f"u{user.pk}" if signed_in else f"a{client_key}"):
        raise ValidationError(
            _("Too many objections from you in the last hour; please try later."),
            code="rate_limited",
        )
    objection = PublicityObjection.objects.create(
        publicity=locked,
        objector=user if signed_in else None,
        objector_name=clean["name"] or (user.display_name if signed_in else ""),
        objector_phone=clean["phone"],
        text=clean["text"],
    )
    case = locked.case
    note_step(case, "objection_filed", actor=user)
    street = case.community.street
    notify(
        recipients=[
            *role_holders(roles=[Role.AID_OFFICER], region=street),
            *role_holders(roles=[Role.AID_SUPERVISOR], region=street.parent),
        ],
        kind=KIND_OBJECTION_FILED,
        title=_("An objection to the public notice of %(number)s")
        % {"number": case.tracking_number},
        url=reverse("assistance:case", args=[case.tracking_number]),
    )
    return objection


def _locked_objection(objection: PublicityObjection) -> PublicityObjection:
    found = (
        PublicityObjection.objects.select_for_update()
        .select_related("publicity__case__community")
        .get(pk=objection.pk)
    )
    if found.outcome != PublicityObjection.Outcome.PENDING:
        raise ValidationError(
            _("This objection has already been handled."), code="handled"
        )
    return found


def _clean_note(note: str) -> str:
    note = (note or "").strip()
    if len(note) < 10:
        raise ValidationError(
            {"note": _("Write what was found (at least 10 characters).")}
        )
    if len(note) > 2000:
        raise ValidationError({"note": _("Keep it under 2000 characters.")})
    return note


@transaction.atomic
def uphold_objection(
    *, objection: PublicityObjection, actor: Any, note: str
) -> PublicityObjection:
    """The objection stands: the notice comes down, the case is investigated again
    (a new visit and a new 公示 are needed)."""
    objection = _locked_objection(objection)
    case = objection.publicity.case
    _require(actor, "assistance.handle_objection", case)
    note = _clean_note(note)
    now = timezone.now()
    Publicity.objects.filter(pk=objection.publicity_id).update(withdrawn_at=now)
    # Every pending objection to this notice is answered by the new investigation.
    PublicityObjection.objects.filter(
        publicity_id=objection.publicity_id,
        outcome=PublicityObjection.Outcome.PENDING,
    ).update(
        outcome=PublicityObjection.Outcome.UPHELD, handled_by=actor, handled_at=now
    )
    # Signals are not sent by update(): save the notice so cached pages retire.
    objection.publicity.refresh_from_db()
    objection.publicity.save(update_fields=["withdrawn_at"])
    transition(
        case,
        "reinvestigate",
        actor=actor,
        note=note,
        public_note=_("The case is investigated again after an objection."),
        data={"objection": objection.pk},
    )
    tell_applicant(
        case,
        _("Your case is investigated again"),
        _("An objection during the public notice is being looked into."),
    )
    objection.refresh_from_db()
    return objection


@transaction.atomic
def dismiss_objection(
    *, objection: PublicityObjection, actor: Any, note: str
) -> PublicityObjection:
    """The objection does not change the case; the note says why."""
    objection = _locked_objection(objection)
    case = objection.publicity.case
    _require(actor, "assistance.handle_objection", case)
    note = _clean_note(note)
    objection.outcome = PublicityObjection.Outcome.DISMISSED
    objection.handled_by = actor
    objection.handled_at = timezone.now()
    objection.save(update_fields=["outcome", "handled_by", "handled_at"])
    note_step(case, "objection_dismissed", actor=actor, note=note)
    return objection


def withdraw_showing(*, case: Case, actor: Any) -> None:
    """Take down the case's notice (a refusal during 公示), audited."""
    for publicity in Publicity.objects.filter(case=case, withdrawn_at__isnull=True):
        if publicity.ends_on >= timezone.localdate():
            publicity.withdrawn_at = timezone.now()
            publicity.save(update_fields=["withdrawn_at"])
            record(
                actor=actor,
                action="assistance.publicity_withdrawn",
                target=case,
                community=case.community,
                data={"publicity": publicity.pk},
            )
