"""The social worker's pages (my referrals, a referral with its visits, and its
actions) and the case-page actions of referring a case and asking the charity
and volunteers apps for help.

A worker's read of a referral is logged as a read of the case (`CaseRead`, as
"social worker"); staff read it through `assistance.cases.access`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.masking import mask_name, mask_phone
from assistance.cases import access
from assistance.handling.pages import case_action, posted
from assistance.referrals import links, selectors, services
from assistance.referrals.forms import (
    AssignForm,
    ButtonForm,
    CompleteForm,
    DeclineForm,
    NeedForm,
    VisitForm,
    VolunteerVisitForm,
    refer_form,
)
from assistance.referrals.models import Referral
from assistance.referrals.rules import is_assigned_worker
from communities.forms import add_validation_error
from communities.views import refusal

refer = case_action(
    perm="assistance.refer_case",
    key="refer",
    form=lambda request, case: refer_form(case, request.POST),
    service=services.refer,
    done=gettext_lazy("The case is referred; the social worker is told."),
)
ask_charity = case_action(
    perm="assistance.refer_case",
    key="need",
    form=posted(NeedForm),
    service=links.post_charity_need,
    done=gettext_lazy("The need is on the community's needs list, without names."),
)
ask_volunteers = case_action(
    perm="assistance.refer_case",
    key="volunteer-visit",
    form=posted(VolunteerVisitForm),
    service=links.request_volunteer_visit,
    done=gettext_lazy("The volunteer coordinators are asked for a visiting activity."),
)


@never_cache
@login_required
def my_referrals(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.my_referrals(request.user))
    for row in rows:
        row.masked_name = mask_name(row.case.applicant_name)
    return render(request, "assistance/referrals/mine.html", {"rows": rows})


def _forms(request: HttpRequest, referral: Referral) -> dict[str, Any]:
    """The action forms this person may use on the referral (kept ones first)."""
    kept = getattr(request, "referral_forms", {})
    may = partial(request.user.has_perm, obj=referral)
    shown = {
        "assign": may("assistance.assign_referral")
        and AssignForm(workers=selectors.active_workers(referral.organisation)),
        "accept": may("assistance.accept_referral") and True,
        "decline": may("assistance.accept_referral") and DeclineForm(),
        "visit": may("assistance.record_referral_visit") and VisitForm(),
        "complete": may("assistance.complete_referral") and CompleteForm(),
    }
    return {key: kept.get(key, form) for key, form in shown.items()}


def _open(request: HttpRequest, referral: Referral) -> tuple[str, dict[str, Any]]:
    """Check and log the read; the capacity and what this person may see."""
    case = referral.case
    if is_assigned_worker(request.user, referral):
        selectors.log_read(request.user, referral, "social worker")
        household = case.household
        return "worker", {
            "name": mask_name(case.applicant_name),
            "address": household.label if household else "",
            "phone": case.applicant_phone or "",
            "note": referral.note,
        }
    if request.user.has_perm("assistance.view_referral", referral) and not (
        access.capacity(request.user, case)
    ):
        selectors.log_read(request.user, referral, "social-work lead")
        return "lead", {"name": mask_name(case.applicant_name), "note": ""}
    capacity = access.open_case(request.user, case, what="service referral")
    return capacity, {
        "name": mask_name(case.applicant_name),
        "phone": mask_phone(case.applicant_phone or ""),
        "note": referral.note,
    }


@never_cache
@login_required
def referral_page(request: HttpRequest, pk: int, *, status: int = 200) -> HttpResponse:
    referral = selectors.referral(pk)
    if not request.user.has_perm("assistance.view_referral", referral):
        return refusal(request, "assistance.view_referral", referral)
    capacity, shown = _open(request, referral)
    context = {
        "referral": referral,
        "capacity": capacity,
        "shown": shown,
        "visits": list(referral.visits.select_related("worker")),
        "forms": _forms(request, referral),
        "summary": referral.outcome_summary if referral.outcome else "",
    }
    return render(request, "assistance/referrals/referral.html", context, status=status)


def referral_action(
    *,
    perm: str,
    key: str,
    form: Callable[[HttpRequest, Referral], Any],
    service: Callable[..., Any],
    done: Any,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A view for one action on the referral page (as `case_action` for cases)."""

    @require_POST
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        referral = selectors.referral(pk)
        if not request.user.has_perm(perm, referral):
            return refusal(request, perm, referral)
        bound = form(request, referral)
        if bound.is_valid():
            try:
                service(referral=referral, actor=request.user, **bound.cleaned_data)
            except ValidationError as error:
                add_validation_error(bound, error)
            else:
                messages.success(request, done)
                return redirect("assistance:referral", referral.pk)
        request.referral_forms = {key: bound}
        if not bound.fields:
            messages.error(request, " ".join(bound.non_field_errors()))
        return referral_page(request, pk, status=400)

    return view


accept = referral_action(
    perm="assistance.accept_referral",
    key="accept",
    form=lambda request, referral: ButtonForm(request.POST),
    service=services.accept,
    done=gettext_lazy("You accepted the referral."),
)
decline = referral_action(
    perm="assistance.accept_referral",
    key="decline",
    form=lambda request, referral: DeclineForm(request.POST),
    service=services.decline,
    done=gettext_lazy("You declined the referral; the coordinator is told."),
)
assign = referral_action(
    perm="assistance.assign_referral",
    key="assign",
    form=lambda request, referral: AssignForm(
        request.POST, workers=selectors.active_workers(referral.organisation)
    ),
    service=services.assign,
    done=gettext_lazy("The social worker is assigned and told."),
)
visit = referral_action(
    perm="assistance.record_referral_visit",
    key="visit",
    form=lambda request, referral: VisitForm(request.POST),
    service=services.record_visit,
    done=gettext_lazy("The visit is recorded."),
)
complete = referral_action(
    perm="assistance.complete_referral",
    key="complete",
    form=lambda request, referral: CompleteForm(request.POST),
    service=services.complete,
    done=gettext_lazy("The referral is completed; the coordinator is told."),
)
