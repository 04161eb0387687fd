"""Certificates: the volunteer's request, their print-ready copy, and the public
verification by serial number (rate-limited per address)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.forms import add_validation_error
from communities.verification import verify_page
from volunteers.records import services
from volunteers.records.forms import CertificateRequestForm
from volunteers.records.models import Certificate
from volunteers.records.views.mine import my_hours_page
from volunteers.shifts.qr import qr_data_uri


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
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Certificates issued: %(count)s.") % {"count": len(issued)},
            )
            return redirect("volunteers:my-hours")
    return my_hours_page(request, form, status=400)


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


def _verify(request: HttpRequest, serial: str | None) -> HttpResponse:
    """The shared verification page (communities.verification): rate-limited per
    address, one "not found" for any wrong serial, never cached."""
    return verify_page(
        request,
        serial,
        scope="volunteers:verify",
        template="volunteers/records/verify.html",
        lookup=lambda value: (
            Certificate.objects.filter(serial=value)
            .select_related("community", "team")
            .first()
        ),
        found=lambda certificate: _certificate_context(request, certificate),
    )


def certificate_verify(request: HttpRequest) -> HttpResponse:
    """Public: type a serial number (a GET form, no CSRF token on the page)."""
    return _verify(request, request.GET.get("serial"))


def certificate_verify_serial(request: HttpRequest, serial: str) -> HttpResponse:
    """Public: where a certificate's QR code leads."""
    return _verify(request, serial)
