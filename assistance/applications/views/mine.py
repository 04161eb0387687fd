"""The applicant's own pages: "my applications", one case with every step, its
deadline, the decision or the refusal's reasons, the missing items, who read
the file; and the two things the applicant may do: withdraw and appeal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assistance.applications import selectors, services
from assistance.applications.forms import ReasonForm
from assistance.applications.views.apply import NAV, editable_case
from assistance.cases.access import open_case
from assistance.cases.models import Case, State
from assistance.decisions.models import Appeal
from communities.forms import form_errors
from communities.views import refusal, render_community

CASE_TEMPLATE = "assistance/applications/my_case.html"


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    cases = selectors.cases_of(request.user)
    return render(request, "assistance/applications/my_cases.html", {"cases": cases})


def _allowed(user: Any, case: Case) -> dict[str, bool]:
    names = ("edit_application", "withdraw_application", "appeal", "view_case_reads")
    return {name: user.has_perm(f"assistance.{name}", case) for name in names}


def case_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    can = _allowed(request.user, case)
    context: dict[str, Any] = {
        "case": case,
        "can": can,
        "steps": selectors.steps(case),
        "deadline": selectors.deadline_of(case),
        "withdraw_form": ReasonForm(prefix="withdraw"),
        "appeal_form": ReasonForm(prefix="appeal"),
    }
    if case.state == State.RETURNED:
        context["missing"] = getattr(case, "missing_items", None)
    if case.state in (State.REFUSED, State.APPEALED):
        context["refusals"] = list(case.refusals.all())
    context["appeal"] = selectors.appeal_of(case)
    if can["view_case_reads"]:
        context["reads"] = selectors.reads_of(case)
    return context


@login_required
def my_case(request: HttpRequest, tracking: str) -> HttpResponse:
    case = editable_case(request, tracking)
    open_case(request.user, case, what="applicant's page", session=request.session)
    return render_community(
        request, case.community, CASE_TEMPLATE, case_context(request, case), nav_key=NAV
    )


def _act(
    request: HttpRequest,
    tracking: str,
    *,
    perm: str,
    action: Any,
    prefix: str,
    done: str,
) -> HttpResponse:
    case = editable_case(request, tracking)
    if not request.user.has_perm(perm, case):
        return refusal(request, perm, case)
    form = ReasonForm(request.POST, prefix=prefix)
    try:
        if not form.is_valid():
            raise form_errors(form)
        action(case=case, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("assistance:my-case", case.tracking_number)


@login_required
@require_POST
def withdraw(request: HttpRequest, tracking: str) -> HttpResponse:
    return _act(
        request,
        tracking,
        perm="assistance.withdraw_application",
        action=services.withdraw_application,
        prefix="withdraw",
        done=_("Your application is withdrawn."),
    )


@login_required
@require_POST
def appeal(request: HttpRequest, tracking: str) -> HttpResponse:
    case = editable_case(request, tracking)
    if case.state == State.REFUSED and Appeal.objects.filter(case=case).exists():
        messages.error(
            request,
            _("You have already appealed this decision; one appeal is allowed."),
        )
        return redirect("assistance:my-case", case.tracking_number)
    return _act(
        request,
        tracking,
        perm="assistance.appeal",
        action=services.appeal_refusal,
        prefix="appeal",
        done=_("Your appeal is sent to the district."),
    )
