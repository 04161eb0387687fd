"""Reporting a household that may need help (anyone, anonymous with a phone
number), the coordinator's list of reports and a report's page, where the visit
and its outcome are recorded in one form."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.masking import mask_phone
from assistance.discovery import selectors, services
from assistance.discovery.forms import ReportForm, VisitForm
from assistance.discovery.models import Capacity, Outcome, Report
from audit.services import record
from communities.forms import add_validation_error, parse_id
from communities.models import Community
from communities.ratelimit import over_limit
from communities.views import CommunityView, community_or_404, refusal
from communities.views import render_community as render
from volunteers.shifts.selectors import visiting_shift_of

NAV_KEY = "assistance-reports"
RECEIVED_KEY = "assistance_report_received"
# Anonymous reports from one address: at most this many an hour.
ANONYMOUS_LIMIT = 5
ANONYMOUS_WINDOW = 3600


def emergency_aid_url(report: Report) -> str:
    """The emergency grant form (先行救助), filled from this report: the response
    time is measured from the report."""
    base = reverse("assistance:advance-aid-new", args=[report.community.slug])
    query = urlencode(
        {"report": report.pk, "reported_at": report.created_at.isoformat()}
    )
    return f"{base}?{query}"


def after_visit_url(report: Report) -> str:
    if report.outcome == Outcome.EMERGENCY_AID:
        return emergency_aid_url(report)
    if report.case is not None:
        return reverse(
            "assistance:application-edit", args=[report.case.tracking_number]
        )
    return services.report_url(report)


def _shift(request: HttpRequest, community: Community) -> Any:
    """The visiting shift a volunteer reports from (`?shift=`), None without one;
    404 for a shift that is not theirs."""
    raw = request.GET.get("shift")
    if raw is None:
        return None
    pk = parse_id(raw)
    shift = visiting_shift_of(request.user, pk, community) if pk else None
    if shift is None:
        raise Http404
    return shift


def _limited(request: HttpRequest) -> bool:
    return not request.user.is_authenticated and over_limit(
        request,
        scope="assistance:report",
        limit=ANONYMOUS_LIMIT,
        window=ANONYMOUS_WINDOW,
    )


def _file(request: HttpRequest, community: Community, form, shift) -> Any:
    """The report the valid form files, or None (errors added to the form)."""
    data = form.cleaned_data
    try:
        return services.file_report(
            community=community,
            reporter=request.user,
            place=data["place"],
            seen=data["seen"],
            urgency=data["urgency"],
            capacity=Capacity.VOLUNTEER if shift else data.get("capacity", ""),
            phone=data["phone"],
            source=f"volunteers.shift:{shift.pk}" if shift else "",
        )
    except ValidationError as error:
        add_validation_error(form, error)
        return None


def report_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone: report a household that may need help."""
    community = community_or_404(slug)
    shift = _shift(request, community)
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        signed_in=request.user.is_authenticated,
        from_shift=shift is not None,
    )
    status = 200
    if form.is_bound and _limited(request):
        form.add_error(None, _("Too many reports from this address. Try again later."))
        status = 429
    elif form.is_bound and form.is_valid():
        report = _file(request, community, form, shift)
        if report is not None:
            request.session[RECEIVED_KEY] = report.reference
            return redirect("assistance:report-received", slug)
    if form.is_bound and status == 200:
        status = 400
    context = {"form": form, "shift": shift}
    template = "assistance/discovery/report_form.html"
    return render(request, community, template, context, status=status)


def report_received(request: HttpRequest, slug: str) -> HttpResponse:
    """The reference of the report just filed, and nothing of its content."""
    community = community_or_404(slug)
    reference = request.session.get(RECEIVED_KEY)
    if not reference:
        return redirect("assistance:report-new", slug)
    context = {"reference": reference}
    response = render(request, community, "assistance/discovery/received.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


class ReportListView(CommunityView):
    permission_required = "assistance.list_reports"
    nav_key = NAV_KEY

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        status = request.GET.get("status", "")
        status = status if status in selectors.STATUSES else ""
        year = parse_id(request.GET.get("year"))
        year = year if year and 2000 <= year <= 2100 else None
        reports = selectors.filtered(
            selectors.visible_reports(request.user, self.community),
            status=status,
            year=year,
        )
        page = Paginator(selectors.in_list_order(reports), 50).get_page(
            request.GET.get("page")
        )
        context = {
            "page": page,
            "status": status,
            "year": year or "",
            "statuses": _status_labels(),
            "now": timezone.now(),
        }
        return self.render("assistance/discovery/report_list.html", context)


def _status_labels() -> list[tuple[str, str]]:
    return [
        ("", _("All")),
        ("waiting", _("Waiting for a visit")),
        ("overdue", _("Overdue")),
        ("escalated", _("Escalated to the street")),
        ("handled", _("Handled")),
        ("in_time", _("Visited in time")),
    ]


def _report_or_404(request: HttpRequest, slug: str, pk: int, perm: str):
    community = community_or_404(slug)
    report = get_object_or_404(
        Report.objects.select_related("community__street", "visited_by", "case"),
        community=community,
        pk=pk,
    )
    allowed = request.user.has_perm(perm, report)
    return community, report, allowed


def report_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A report's page: what was reported, the due time, the visit form."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    community, report, allowed = _report_or_404(
        request, slug, pk, "assistance.view_report"
    )
    if not allowed:
        return refusal(request, "assistance.view_report", report)
    may_handle = request.user.has_perm("assistance.handle_report", report)
    record(
        actor=request.user,
        action="assistance.report_read",
        target=report,
        community=community,
    )
    return _detail(request, community, report, VisitForm() if may_handle else None)


def _detail(request, community, report, form, status: int = 200) -> HttpResponse:
    context = {
        "report": report,
        "form": form,
        "phone_masked": mask_phone(report.reporter_phone),
        "now": timezone.now(),
    }
    response = render(
        request,
        community,
        "assistance/discovery/report_detail.html",
        context,
        nav_key=NAV_KEY,
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def report_visit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The coordinator (or the street's officer, once escalated) records the
    visit and its outcome."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    community, report, allowed = _report_or_404(
        request, slug, pk, "assistance.handle_report"
    )
    if not allowed:
        return refusal(request, "assistance.handle_report", report)
    form = VisitForm(request.POST)
    if form.is_valid():
        data = services.VisitData(**form.cleaned_data)
        try:
            report = services.record_visit(report=report, actor=request.user, data=data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The visit and its outcome are recorded."))
            return redirect(after_visit_url(report))
    return _detail(request, community, report, form, status=400)
