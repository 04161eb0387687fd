"""Pages for check-in, hours, certificates, the time bank and the leaderboard.

Views stay thin: resolve the object, ask the rules, validate the form, call
volunteers.record_services, redirect.
"""

from __future__ import annotations

import base64
import csv
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.masking import mask_name
from audit.services import record as audit
from communities import navigation
from communities.cache import cache_public_page
from communities.models import Community
from communities.views import refusal
from volunteers import record_selectors as selectors
from volunteers import record_services as services
from volunteers.models import (
    Attendance,
    Certificate,
    ServiceRecord,
    Shift,
    SignUp,
    VolunteerProfile,
)
from volunteers.record_forms import (
    CertificateRequestForm,
    HoursForm,
    SerialForm,
    TransferForm,
)

VERIFY_LIMIT = 30  # look-ups per address ...
VERIFY_WINDOW = 600  # ... per ten minutes


def _community(slug: str) -> Community:
    return get_object_or_404(Community.objects.select_related("street"), slug=slug)


def _page(
    request: HttpRequest,
    community: Community,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "community": community,
            "community_nav": navigation.items_for(
                request=request, community=community, current="volunteering"
            ),
            **context,
        },
        status=status,
    )


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (img-src allows data:)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _shift(slug: str, pk: int) -> Shift:
    return get_object_or_404(
        Shift.objects.select_related("activity__community", "activity__team"),
        pk=pk,
        activity__community__slug=slug,
    )


def _guard(request: HttpRequest, perm: str, obj: Any, community: Community):
    """None when allowed; otherwise the sign-in redirect or the refusal."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(perm, obj):
        return refusal(request, perm, community)
    return None


# ---------------------------------------------------------------------------
# The coordinator's roster and check-in code
# ---------------------------------------------------------------------------
def shift_roster(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    shift = _shift(slug, pk)
    community = shift.activity.community
    if (
        refused := _guard(request, "volunteers.run_shift", shift, community)
    ) is not None:
        return refused
    rows = []
    for signup in selectors.roster(shift):
        attendance = getattr(signup, "attendance", None)
        service_record = signup.live[0] if signup.live else None
        rows.append(
            {
                "signup": signup,
                "attendance": attendance,
                "record": service_record,
                "form": HoursForm(
                    prefix=f"r{service_record.pk}",
                    initial={"hours": service_record.hours},
                )
                if service_record and not service_record.is_confirmed
                else None,
            }
        )
    return _page(
        request,
        community,
        "volunteers/records/roster.html",
        {"shift": shift, "activity": shift.activity, "rows": rows},
    )


def _roster_signup(shift: Shift, signup_pk: int) -> SignUp:
    return get_object_or_404(
        SignUp.objects.select_related("volunteer"), shift=shift, pk=signup_pk
    )


@require_POST
def roster_check_in(
    request: HttpRequest, slug: str, pk: int, signup_pk: int
) -> HttpResponse:
    shift = _shift(slug, pk)
    community = shift.activity.community
    if (
        refused := _guard(request, "volunteers.run_shift", shift, community)
    ) is not None:
        return refused
    signup = _roster_signup(shift, signup_pk)
    try:
        services.check_in(actor=request.user, signup=signup, via=Attendance.Via.ROSTER)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s is checked in.") % {"name": signup.volunteer.public_name},
        )
    return redirect("volunteers:shift-roster", slug, pk)


@require_POST
def roster_check_out(
    request: HttpRequest, slug: str, pk: int, signup_pk: int
) -> HttpResponse:
    shift = _shift(slug, pk)
    community = shift.activity.community
    if (
        refused := _guard(request, "volunteers.run_shift", shift, community)
    ) is not None:
        return refused
    signup = _roster_signup(shift, signup_pk)
    try:
        services.check_out(actor=request.user, signup=signup)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s is checked out; confirm the hours below.")
            % {"name": signup.volunteer.public_name},
        )
    return redirect("volunteers:shift-roster", slug, pk)


def check_in_code(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A fresh QR code every minute (the page reloads itself; codes last 3 minutes)."""
    shift = _shift(slug, pk)
    community = shift.activity.community
    if (
        refused := _guard(request, "volunteers.run_shift", shift, community)
    ) is not None:
        return refused
    url = request.build_absolute_uri(
        reverse("volunteers:qr-check-in", args=[services.check_in_token(shift)])
    )
    response = _page(
        request,
        community,
        "volunteers/records/check_in_code.html",
        {
            "shift": shift,
            "activity": shift.activity,
            "url": url,
            "qr": qr_data_uri(url),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def qr_check_in(request: HttpRequest, token: str) -> HttpResponse:
    """Where the QR code leads: the signed-in volunteer confirms their arrival."""
    try:
        shift = services.shift_from_token(token)
    except ValidationError as error:
        return render(
            request,
            "volunteers/records/qr_check_in.html",
            {"error": error.messages[0]},
            status=400,
        )
    if request.method == "POST":
        try:
            services.check_in_with_token(volunteer=request.user, token=token)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("You are checked in. Thank you for coming!"))
        return redirect(
            "volunteers:my-attendance", shift.activity.community.slug, shift.pk
        )
    return render(
        request,
        "volunteers/records/qr_check_in.html",
        {"shift": shift, "activity": shift.activity},
    )


@login_required
def my_attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The volunteer's own check-in state on a shift, with a check-out button."""
    shift = _shift(slug, pk)
    signup = (
        SignUp.objects.filter(
            shift=shift, volunteer=request.user, status=SignUp.Status.CONFIRMED
        )
        .select_related("attendance")
        .first()
    )
    if signup is None:
        raise Http404
    if request.method == "POST":
        try:
            services.check_out(actor=request.user, signup=signup)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _("You are checked out. The coordinator will confirm your hours."),
            )
        return redirect("volunteers:my-attendance", slug, pk)
    record = (
        ServiceRecord.objects.filter(signup=signup, superseded_by__isnull=True)
        .order_by("-version")
        .first()
    )
    return _page(
        request,
        shift.activity.community,
        "volunteers/records/my_attendance.html",
        {
            "shift": shift,
            "activity": shift.activity,
            "attendance": getattr(signup, "attendance", None),
            "record": record,
        },
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


def _back_to_roster(service_record: ServiceRecord) -> HttpResponse:
    return redirect(
        "volunteers:shift-roster",
        service_record.community.slug,
        service_record.signup.shift_id,
    )


@require_POST
def record_adjust(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service_record = _record(slug, pk)
    refused = _guard(
        request, "volunteers.confirm_record", service_record, service_record.community
    )
    if refused is not None:
        return refused
    form = HoursForm(request.POST, prefix=f"r{service_record.pk}")
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for message in errors:
                messages.error(request, f"{label}: {message}" if label else message)
        return _back_to_roster(service_record)
    try:
        services.adjust_record(
            actor=request.user,
            service_record=service_record,
            hours=form.cleaned_data["hours"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The hours are changed. Confirm them when ready."))
    return _back_to_roster(service_record)


@require_POST
def record_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service_record = _record(slug, pk)
    refused = _guard(
        request, "volunteers.confirm_record", service_record, service_record.community
    )
    if refused is not None:
        return refused
    try:
        services.confirm_record(actor=request.user, service_record=service_record)
    except ValidationError as error:
        _errors(request, error)
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
    service_record = _record(slug, pk)
    refused = _guard(
        request, "volunteers.confirm_record", service_record, service_record.community
    )
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
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("The correction is saved as a new version."))
            return redirect("volunteers:records", slug)
    return _page(
        request,
        service_record.community,
        "volunteers/records/correct.html",
        {"record": service_record, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# ---------------------------------------------------------------------------
# Totals and export (community)
# ---------------------------------------------------------------------------
def records_overview(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    refused = _guard(request, "volunteers.view_records", community, community)
    if refused is not None:
        return refused
    people = Paginator(selectors.volunteer_totals_in(community), 50).get_page(
        request.GET.get("people")
    )
    records = Paginator(selectors.current_records(community), 50).get_page(
        request.GET.get("page")
    )
    return _page(
        request,
        community,
        "volunteers/records/overview.html",
        {
            "totals": selectors.community_totals(community),
            "pending": selectors.records_for_review(community)[:100],
            "people": people,
            "records": records,
        },
    )


def _csv_cell(value: Any) -> str:
    """Text that a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def records_export(request: HttpRequest, slug: str) -> HttpResponse:
    """Current confirmed records as CSV: masked names, never ID numbers or contacts."""
    community = _community(slug)
    refused = _guard(request, "volunteers.view_records", community, community)
    if refused is not None:
        return refused
    totals = request.GET.get("kind") == "totals"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = "service-totals" if totals else "service-hours"
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{community.slug}.csv"'
    )
    response.write("\ufeff")  # spreadsheets then read the Chinese text as UTF-8
    writer = csv.writer(response)
    if totals:
        count = _write_totals(writer, community)
        audit(
            actor=request.user,
            action="volunteers.records_exported",
            community=community,
            data={"rows": count, "kind": "totals"},
        )
        return response
    writer.writerow(
        [
            _("Record"),
            _("Version"),
            _("Served on"),
            _("Activity"),
            _("Team"),
            _("Volunteer"),
            _("Hours"),
            _("Reason"),
            _("Confirmed at"),
        ]
    )
    count = 0
    for item in selectors.current_records(community).iterator(chunk_size=500):
        volunteer = item.volunteer
        writer.writerow(
            [
                _csv_cell(cell)
                for cell in (
                    item.pk,
                    item.version,
                    item.served_on.isoformat(),
                    item.signup.shift.activity.title,
                    item.team.name if item.team else "",
                    volunteer.display_name or mask_name(volunteer.real_name),
                    item.hours,
                    item.reason,
                    timezone.localtime(item.confirmed_at).strftime("%Y-%m-%d %H:%M"),
                )
            ]
        )
        count += 1
    audit(
        actor=request.user,
        action="volunteers.records_exported",
        community=community,
        data={"rows": count},
    )
    return response


def _write_totals(writer: Any, community: Community) -> int:
    """One row per volunteer: this year's and all-time hours (masked names)."""
    writer.writerow([_("Volunteer"), _("This year"), _("All time")])
    count = 0
    for row in selectors.volunteer_totals_in(community).iterator(chunk_size=500):
        name = row["volunteer__display_name"] or mask_name(row["volunteer__real_name"])
        writer.writerow(
            [
                _csv_cell(name),
                (row["this_year"] or 0),
                row["all_time"],
            ]
        )
        count += 1
    return count


# ---------------------------------------------------------------------------
# The volunteer's hours, certificates and time bank
# ---------------------------------------------------------------------------
def _time_bank(request: HttpRequest, form_for: dict[int, TransferForm] | None = None):
    accounts = []
    for account in selectors.time_bank_accounts(request.user):
        recipients = services.senior_family_members(request.user, account.community)
        form = (form_for or {}).get(account.community_id) or TransferForm(
            recipients=recipients, prefix=f"t{account.community_id}"
        )
        accounts.append({"account": account, "form": form, "recipients": recipients})
    return accounts


@login_required
def my_hours(request: HttpRequest) -> HttpResponse:
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    return _my_hours_page(request, profile, CertificateRequestForm())


def _my_hours_page(
    request: HttpRequest,
    profile: VolunteerProfile | None,
    certificate_form: CertificateRequestForm,
    transfer_forms: dict[int, TransferForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "volunteers/records/my_hours.html",
        {
            "profile": profile,
            "totals": selectors.volunteer_totals(request.user),
            "records": selectors.my_records(request.user)[:100],
            "certificates": selectors.my_certificates(request.user),
            "certificate_form": certificate_form,
            "time_bank": _time_bank(request, transfer_forms),
        },
        status=status,
    )


@login_required
@require_POST
def certificate_request(request: HttpRequest) -> HttpResponse:
    form = CertificateRequestForm(request.POST)
    if form.is_valid():
        try:
            issued = services.issue_certificates(
                volunteer=request.user,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("Certificates issued: %(count)s.") % {"count": len(issued)},
            )
            return redirect("volunteers:my-hours")
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    return _my_hours_page(request, profile, form, status=400)


@login_required
@require_POST
def time_bank_transfer(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    if not request.user.has_perm("volunteers.use_time_bank", community):
        return refusal(request, "volunteers.use_time_bank", community)
    recipients = services.senior_family_members(request.user, community)
    form = TransferForm(request.POST, recipients=recipients, prefix=f"t{community.pk}")
    if form.is_valid():
        try:
            services.transfer_credits(
                sender=request.user,
                recipient=form.cleaned_data["recipient"],
                community=community,
                amount=form.cleaned_data["amount"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("The credits have been transferred."))
            return redirect("volunteers:my-hours")
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    return _my_hours_page(
        request,
        profile,
        CertificateRequestForm(),
        transfer_forms={community.pk: form},
        status=400,
    )


@login_required
@require_POST
def leaderboard_opt_in(request: HttpRequest) -> HttpResponse:
    show = request.POST.get("show") == "1"
    try:
        services.set_leaderboard_opt_in(user=request.user, show=show)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("You are shown on the leaderboard.")
            if show
            else _("You are no longer shown on the leaderboard."),
        )
    return redirect("volunteers:my-hours")


# ---------------------------------------------------------------------------
# Certificates: the owner's print-ready copy and the public verification
# ---------------------------------------------------------------------------
def _certificate_context(request: HttpRequest, certificate: Certificate) -> dict:
    verify_url = request.build_absolute_uri(
        reverse("volunteers:certificate-verify-serial", args=[certificate.serial])
    )
    return {
        "certificate": certificate,
        "verify_url": verify_url,
        "qr": qr_data_uri(verify_url),
    }


@login_required
def certificate_document(request: HttpRequest, serial: str) -> HttpResponse:
    """The print-ready certificate (a standalone page; ?download=1 saves it)."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("community", "team"),
        serial=services.normalise_serial(serial),
        volunteer=request.user,
    )
    response = render(
        request,
        "volunteers/records/certificate_document.html",
        _certificate_context(request, certificate),
    )
    if request.GET.get("download") == "1":
        response["Content-Disposition"] = (
            f'attachment; filename="certificate-{certificate.serial}.html"'
        )
    response["Cache-Control"] = "private"
    return response


def _over_limit(request: HttpRequest) -> bool:
    key = "volunteers:verify:" + request.META.get("REMOTE_ADDR", "")
    cache.add(key, 0, VERIFY_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, VERIFY_WINDOW)
        count = 1
    return count > VERIFY_LIMIT


def _verify(request: HttpRequest, serial: str | None) -> HttpResponse:
    form = SerialForm({"serial": serial} if serial is not None else None)
    context: dict[str, Any] = {"form": form, "searched": serial is not None}
    status = 200
    if serial is not None:
        if _over_limit(request):
            return render(
                request,
                "volunteers/records/verify.html",
                {**context, "limited": True},
                status=429,
            )
        certificate = (
            Certificate.objects.filter(serial=services.normalise_serial(serial))
            .select_related("community", "team")
            .first()
        )
        if certificate is None:
            status = 404
        else:
            context.update(_certificate_context(request, certificate))
    response = render(request, "volunteers/records/verify.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_verify(request: HttpRequest) -> HttpResponse:
    """Public: type a serial number (a GET form, no CSRF token on the page)."""
    return _verify(request, request.GET.get("serial"))


def certificate_verify_serial(request: HttpRequest, serial: str) -> HttpResponse:
    """Public: where a certificate's QR code leads."""
    return _verify(request, serial)


# ---------------------------------------------------------------------------
# Leaderboard (public, opt-in)
# ---------------------------------------------------------------------------
@cache_public_page
def leaderboard(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    rows = [
        {
            "name": row["volunteer__display_name"]
            or mask_name(row["volunteer__real_name"])
            or _("volunteer"),
            "all_time": row["all_time"],
            "this_year": row["this_year"],
        }
        for row in selectors.leaderboard(community)
    ]
    return _page(
        request, community, "volunteers/records/leaderboard.html", {"rows": rows}
    )
