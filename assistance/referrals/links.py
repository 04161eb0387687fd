"""Joined-up help without exposing the household: from the case page, staff ask
the charity app for goods (an anonymous need on the community's needs list) or
the volunteers app for a visiting activity, through those apps' public services.
The link back to the case is kept here (`CaseLink`), for staff only.

The text sent must hold no personal data: `check_anonymous` refuses the names,
phone number and ID numbers of the case's household, and anything that looks
like a phone or ID number at all.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from assistance.cases.models import Case
from assistance.cases.workflow import note_step
from assistance.referrals.models import CaseLink
from charity.needs.services import post_need_on_behalf
from volunteers.requests.services import activity_url, request_visiting_activity

# An 11-digit mobile number or an 18-character ID number, spaced or not.
_NUMBER = re.compile(r"(?:\d[\s-]?){11,}|\d{17}[\dXx]")


def _personal_terms(case: Case) -> list[str]:
    terms = [case.applicant_name, case.applicant_phone or ""]
    for member in case.members.all():
        terms += [member.name, member.id_number or ""]
    return [t.strip() for t in terms if t and len(t.strip()) >= 2]


def check_anonymous(case: Case, texts: dict[str, str]) -> None:
    """Refuse a text naming the household (field -> text)."""
    terms = _personal_terms(case)
    errors = {}
    for field, text in texts.items():
        folded = (text or "").casefold()
        digits = "".join(ch for ch in folded if ch.isalnum())
        named = any(
            term.casefold() in folded
            or (term.isdigit() and len(term) >= 6 and term in digits)
            for term in terms
        )
        if named or _NUMBER.search(text or ""):
            errors[field] = _(
                "Leave out names, phone numbers, ID numbers and the address: "
                "the text is shown to the public."
            )
    if errors:
        raise ValidationError(errors)


def _link(case: Case, actor: Any, kind: str, target_id: int, label: str, url: str):
    link = CaseLink.objects.create(
        case=case,
        kind=kind,
        target_id=target_id,
        label=label[:200],
        url=url,
        created_by=actor,
    )
    note_step(case, f"ask_{kind}", actor=actor, note=label[:200])
    return link


@transaction.atomic
def post_charity_need(
    *,
    case: Case,
    actor: Any,
    item: str,
    quantity: int,
    unit: str,
    needed_by: datetime.date,
    description: str = "",
) -> CaseLink:
    """An anonymous need on the community's needs list, linked to the case here."""
    check_anonymous(case, {"item": item, "description": description})
    need = post_need_on_behalf(
        actor=actor,
        community=case.community,
        on_behalf_of="assistance",
        item=item,
        quantity=quantity,
        unit=unit,
        needed_by=needed_by,
        description=description,
    )
    url = reverse("charity:need", args=[case.community.slug, need.pk])
    return _link(case, actor, CaseLink.Kind.CHARITY_NEED, need.pk, str(need), url)


@transaction.atomic
def request_volunteer_visit(
    *, case: Case, actor: Any, title: str, description: str, place: str
) -> CaseLink:
    """Ask the community's volunteer coordinators for a visiting activity."""
    check_anonymous(case, {"title": title, "description": description, "place": place})
    activity = request_visiting_activity(
        requested_by=actor,
        community=case.community,
        title=title,
        description=description,
        place=place,
    )
    return _link(
        case,
        actor,
        CaseLink.Kind.VOLUNTEER_VISIT,
        activity.pk,
        activity.title,
        activity_url(activity),
    )
