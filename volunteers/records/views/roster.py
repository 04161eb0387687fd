"""The coordinator's roster, check-out, and confirming or correcting hours."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.forms import add_validation_error
from communities.views import render_community
from volunteers.records import selectors, services
from volunteers.records.forms import HoursForm
from volunteers.records.models import ServiceRecord
from volunteers.shifts import selectors as shift_selectors
from volunteers.shifts.models import SignUp
from volunteers.shifts.views import (
    NAV_KEY,
    flash_errors,
    guard,
    roster_signup,
    shift_or_404,
)


def _row(signup: SignUp) -> dict:
    service_record = signup.live[0] if signup.live else None
    editable = service_record is not None and not service_record.is_confirmed
    return {
        "signup": signup,
        "attendance": getattr(signup, "attendance", None),
        "record": service_record,
        "form": HoursForm(
            prefix=f"r{service_record.pk}", initial={"hours": service_record.hours}
        )
        if editable
        else None,
    }


def shift_roster(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    shift = shift_or_404(slug, pk)
    community = shift.activity.community
    refused = guard(request, "volunteers.run_shift", shift, community)
    if refused is not None:
        return refused
    return render_community(
        request,
        community,
        "volunteers/records/roster.html",
        {
            "shift": shift,
            "activity": shift.activity,
            "rows": [_row(signup) for signup in selectors.roster(shift)],
        },
        nav_key=NAV_KEY,
    )


@require_POST
def roster_check_out(
    request: HttpRequest, slug: str, pk: int, signup_pk: int
) -> HttpResponse:
    signup, refused = roster_signup(request, slug, pk, signup_pk)
    if refused is not None:
        return refused
    try:
        services.check_out(actor=request.user, signup=signup)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s is checked out; confirm the hours below.")
            % {"name": signup.volunteer.public_name},
        )
    return redirect("volunteers:shift-roster", slug, pk)


@login_required
def my_attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The volunteer's own check-in state on a shift, with a check-out button."""
    shift = shift_or_404(slug, pk)
    signup = shift_selectors.confirmed_signup(request.user, shift)
    if signup is None:
        raise Http404
    if request.method == "POST":
        try:
            services.check_out(actor=request.user, signup=signup)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request,
                _("You are checked out. The coordinator will confirm your hours."),
            )
        return redirect("volunteers:my-attendance", slug, pk)
    context = {
        "shift": shift,
        "activity": shift.activity,
        "attendance": getattr(signup, "attendance", None),
        "record": selectors.latest_record(signup),
    }
    return render_community(
        request,
        shift.activity.community,
        "volunteers/records/my_attendance.html",
        context,
        nav_key=NAV_KEY,
    )


# ---------------------------------------------------------------------------
# Confirming and correcting records
# ---------------------------------------------------------------------------
def _record(slug: str, pk: int) -> ServiceRecord:
    return get_object_or_404(
        ServiceRecord.objects.select_related(
            "community", "team", "volunteer", "signup__shift__activity"
        ),
        pk=pk,
        community__slug=slug,
    )


def _guarded_record(
    request: HttpRequest, slug: str, pk: int
) -> tuple[ServiceRecord, HttpResponse | None]:
    """The record and, when the person may not confirm it, the refusal."""
    service_record = _record(slug, pk)
    refused = guard(
        request, "volunteers.confirm_record", service_record, service_record.community
    )
    return service_record, refused


def _back_to_roster(service_record: ServiceRecord) -> HttpResponse:
    return redirect(
        "volunteers:shift-roster",
        service_record.community.slug,
        service_record.signup.shift_id,
    )


def _flash_form_errors(request: HttpRequest, form: HoursForm) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else message)


@require_POST
def record_adjust(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service_record, refused = _guarded_record(request, slug, pk)
    if refused is not None:
        return refused
    form = HoursForm(request.POST, prefix=f"r{service_record.pk}")
    if not form.is_valid():
        _flash_form_errors(request, form)
        return _back_to_roster(service_record)
    try:
        services.adjust_record(
            actor=request.user,
            service_record=service_record,
            hours=form.cleaned_data["hours"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The hours are changed. Confirm them when ready."))
    return _back_to_roster(service_record)


@require_POST
def record_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service_record, refused = _guarded_record(request, slug, pk)
    if refused is not None:
        return refused
    try:
        services.confirm_record(actor=request.user, service_record=service_record)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("%(hours)s hours confirmed for %(name)s.")
            % {
                "hours": service_record.hours,
                "name": service_record.volunteer.public_name,
            },
        )
    if request.POST.get("next") == "records":
        return redirect("volunteers:records", slug)
    return _back_to_roster(service_record)


def record_correct(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service_record, refused = _guarded_record(request, slug, pk)
    if refused is not None:
        return refused
    form = HoursForm(request.POST or None, initial={"hours": service_record.hours})
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_record(
                actor=request.user,
                service_record=service_record,
                hours=form.cleaned_data["hours"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The correction is saved as a new version."))
            return redirect("volunteers:records", slug)
    return render_community(
        request,
        service_record.community,
        "volunteers/records/correct.html",
        {"record": service_record, "form": form},
        nav_key=NAV_KEY,
        status=400 if request.method == "POST" else 200,
    )
