"""Pages of periodic review and early warning: the community's review list and
warning list, recording a review (coordinator), deciding it (street officer) and
acting on a warning (coordinator). Every page that shows a household's figures
opens the case through `assistance.cases.access` (the read is logged)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from assistance.cases import access
from assistance.cases.models import Case
from assistance.handling.selectors import case_by_tracking
from assistance.monitoring import forms, selectors, services
from assistance.worklist.views import NAV_KEY
from communities.forms import add_validation_error
from communities.views import CommunityView, refusal, render_community

PAGE_SIZE = 25


class ReviewListView(CommunityView):
    """Reviews due (overdue first) and reviews waiting for the street's decision."""

    permission_required = "assistance.list_cases"
    nav_key = NAV_KEY

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = forms.ShowForm(request.GET)
        show = form.chosen()
        rows = selectors.schedules(self.community, show=show)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "form": form,
            "show": show,
            "page_obj": page,
            "rows": selectors.schedule_rows(page.object_list),
            "pending": list(selectors.pending_reviews(self.community)[:100]),
        }
        return self.render("assistance/monitoring/reviews.html", context)


class WarningListView(CommunityView):
    permission_required = "assistance.view_warnings"
    nav_key = NAV_KEY

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        closed = request.GET.get("closed") == "1"
        rows = selectors.warnings_of(self.community, closed=closed)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {"closed": closed, "page_obj": page}
        return self.render("assistance/monitoring/warnings.html", context)


def _opened(request: HttpRequest, case: Case, what: str) -> HttpResponse | None:
    """Sign-in and the logged read of the case; a response when refused."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        access.open_case(request.user, case, what=what, session=request.session)
    except PermissionDenied:
        return refusal(request, "assistance.view_case", case)
    return None


def _page(request, case, template, context, status=200) -> HttpResponse:
    return render_community(
        request,
        case.community,
        template,
        {"case": case, **context},
        nav_key=NAV_KEY,
        status=status,
    )


def _saved(form: Any, save: Any) -> Any:
    """Run the service with the form's data; its errors go on the form."""
    try:
        return save()
    except ValidationError as error:
        add_validation_error(form, error)
        return None


@never_cache
def record_review(request: HttpRequest, tracking: str) -> HttpResponse:
    case = case_by_tracking(tracking)
    if (refused := _opened(request, case, "periodic review")) is not None:
        return refused
    if not request.user.has_perm("assistance.record_review", case):
        return refusal(request, "assistance.record_review", case)
    data = request.POST if request.method == "POST" else None
    form = forms.ReviewForm(data, case=case)
    if data is not None and form.is_valid():
        review = _saved(
            form,
            lambda: services.record_review(
                case=case, actor=request.user, **form.service_kwargs()
            ),
        )
        if review is not None:
            messages.success(request, _("The review is recorded; the street decides."))
            return redirect("assistance:reviews", case.community.slug)
    status = 400 if data is not None else 200
    context = {"form": form, "history": selectors.case_history(case)}
    return _page(request, case, "assistance/monitoring/record.html", context, status)


@never_cache
def decide_review(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.review_of(pk)
    case = review.case
    if (refused := _opened(request, case, "periodic review")) is not None:
        return refused
    may = request.user.has_perm("assistance.decide_review", case)
    data = request.POST if request.method == "POST" and may else None
    if request.method == "POST" and not may:
        return refusal(request, "assistance.decide_review", case)
    form = forms.DecisionForm(data)
    if data is not None and form.is_valid():
        done = _saved(
            form,
            lambda: services.decide_review(
                review=review, actor=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Decided; the household is told."))
            return redirect("assistance:review", review.pk)
    context = {"review": review, "form": form, "may": may and review.is_pending}
    status = 400 if data is not None else 200
    return _page(request, case, "assistance/monitoring/review.html", context, status)


@never_cache
def act_on_warning(request: HttpRequest, pk: int) -> HttpResponse:
    warning = selectors.warning_of(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("assistance.view_warnings", warning):
        return refusal(request, "assistance.view_warnings", warning)
    if (refused := _opened(request, warning.case, "warning")) is not None:
        return refused
    may = request.user.has_perm("assistance.act_on_warning", warning)
    if request.method == "POST" and not may:
        return refusal(request, "assistance.act_on_warning", warning)
    data = request.POST if request.method == "POST" else None
    form = forms.WarningActionForm(data)
    if data is not None and form.is_valid():
        done = _saved(
            form,
            lambda: services.act_on_warning(
                warning=warning, actor=request.user, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Recorded; the warning is closed."))
            return redirect("assistance:warnings", warning.community.slug)
    context = {"warning": warning, "form": form, "may": may}
    status = 400 if data is not None else 200
    return _page(
        request, warning.case, "assistance/monitoring/warning.html", context, status
    )
