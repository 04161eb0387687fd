"""The staff case page (every staff view of a case renders through here) and the
one way a case action's view runs: check the permission, validate, call the
service, then redirect, or show the case page again with the form's errors in
its panel (`keep_form` / `kept_form`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from accounts.crypto import mask_id_number, mask_tail
from accounts.masking import mask_phone
from assistance.cases import access, deadlines, notify, panels
from assistance.cases.models import Case, MissingItemsRequest
from assistance.handling import selectors
from assistance.handling.forms import ReasonForm
from communities.forms import add_validation_error
from communities.rules import is_platform_admin
from communities.views import refusal, render_community

NAV_KEY = "assistance-cases"
_FORMS_ATTR = "assistance_forms"


def keep_form(request: HttpRequest, key: str, form: Any) -> None:
    """Keep a bound form with errors for its panel on the re-rendered page."""
    kept = getattr(request, _FORMS_ATTR, {})
    kept[key] = form
    setattr(request, _FORMS_ATTR, kept)


def kept_form(request: HttpRequest, key: str) -> Any:
    return getattr(request, _FORMS_ATTR, {}).get(key)


def _rendered_panels(request: HttpRequest, case: Case) -> list[str]:
    return [
        mark_safe(  # noqa: S308  (our own template's output)
            render_to_string(panel.template, {"case": case, **context}, request=request)
        )
        for panel, context in panels.rendered_for(request, case)
    ]


def reason_page(request: HttpRequest, case: Case, form: Any = None, status: int = 200):
    return render(
        request,
        "assistance/handling/case_reason.html",
        {"case": case, "form": form or ReasonForm()},
        status=status,
    )


def _applicant_redirect(case: Case) -> HttpResponse:
    try:
        return redirect(notify.my_case_url(case))
    except NoReverseMatch:
        raise PermissionDenied from None


def case_page(request: HttpRequest, case: Case, *, status: int = 200) -> HttpResponse:
    """Open (check and log) the case, then show the file and the panels."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if access.capacity(user, case) == "household":
        return _applicant_redirect(case)
    try:
        capacity = access.open_case(user, case, session=request.session)
    except PermissionDenied:
        if is_platform_admin(user):
            return reason_page(request, case)
        return refusal(request, "assistance.view_case", case)
    context = {
        "case": case,
        "capacity": capacity,
        **selectors.case_file(case),
        "phone": mask_phone(case.applicant_phone or ""),
        "bank_account": mask_tail(case.bank_account or ""),
        "missing": MissingItemsRequest.objects.filter(case=case).first(),
        "days_left": (
            deadlines.working_days_left(case)
            if case.state in deadlines.DEADLINE_STATES
            else None
        ),
        "is_overdue": deadlines.overdue(Case.objects.filter(pk=case.pk)).exists(),
        "reads": (
            selectors.reads_of(case)
            if user.has_perm("assistance.view_case_reads", case)
            else None
        ),
        "panels": _rendered_panels(request, case),
    }
    context["member_rows"] = [
        (m, mask_id_number(m.id_number or "")) for m in context["members"]
    ]
    return render_community(
        request,
        case.community,
        "assistance/handling/case.html",
        context,
        nav_key=NAV_KEY,
        status=status,
    )


def act(
    request: HttpRequest,
    case: Case,
    *,
    perm: str,
    key: str,
    form: Any,
    save: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """Run one case action posted from a panel of the case page."""
    if not request.user.has_perm(perm, case):
        return refusal(request, perm, case)
    if form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect("assistance:case", case.tracking_number)
    if not form.fields:  # a button: its panel has no place for the error
        messages.error(request, " ".join(form.non_field_errors()))
    keep_form(request, key, form)
    return case_page(request, case, status=400)


def case_action(
    *,
    perm: str,
    key: str,
    form: Callable[[HttpRequest, Case], Any],
    service: Callable[..., Any],
    done: Any,
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A view for one action of a case-page panel (one per URL): find the case by
    its tracking number, build the panel's form from the POST, and `act`.

    `form(request, case)` builds the bound form; `service(case=, actor=, **data)`
    does the work; `done` is the (lazy) message shown after it."""

    @require_POST
    def view(request: HttpRequest, tracking: str) -> HttpResponse:
        case = selectors.case_by_tracking(tracking)
        return act(
            request,
            case,
            perm=perm,
            key=key,
            form=form(request, case),
            save=partial(service, case=case, actor=request.user),
            done=done,
        )

    return view


def posted(form_class: type) -> Callable[[HttpRequest, Case], Any]:
    """The panel form of a class that needs nothing but the POST data."""
    return lambda request, case: form_class(request.POST)
