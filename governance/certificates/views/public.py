"""Public pages of certificates: a community's list (the district's allowed types
and the national "must not issue" list, cached like other public pages) and the
verification by serial number (communities.verification)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.masking import mask_name
from communities.cache import cache_public_page
from communities.qr import qr_data_uri
from communities.verification import verify_page
from communities.views import community_or_404, render_community
from governance.certificates import selectors, services
from governance.certificates.data import FORBIDDEN
from governance.certificates.models import CertificateRequest

NAV_CERTIFICATES = "certificates"
VERIFY_SCOPE = "governance:certificate-verify"


@cache_public_page
def certificates(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_or_404(slug)
    context = {
        "types": list(selectors.types_for(community)),
        "forbidden": FORBIDDEN,
        "placeholders": services.PLACEHOLDERS,
    }
    return render_community(
        request,
        community,
        "governance/certificates/list.html",
        context,
        nav_key=NAV_CERTIFICATES,
    )


def verify_url(request: HttpRequest, serial: str) -> str:
    return request.build_absolute_uri(
        reverse("governance:certificate-verify-serial", args=[serial])
    )


def certificate_context(
    request: HttpRequest, row: CertificateRequest, *, masked: bool
) -> dict[str, Any]:
    url = verify_url(request, row.serial)
    name = mask_name(row.person_name) if masked else row.person_name
    text = row.text.replace(row.person_name, name) if row.person_name else row.text
    return {
        "certificate": row,
        "shown_name": name,
        "shown_text": text,
        "verify_url": url,
        "qr": qr_data_uri(url),
    }


def _verify(request: HttpRequest, serial: str | None) -> HttpResponse:
    return verify_page(
        request,
        serial,
        scope=VERIFY_SCOPE,
        template="governance/certificates/verify.html",
        lookup=selectors.by_serial,
        found=lambda row: certificate_context(request, row, masked=True),
    )


def verify(request: HttpRequest) -> HttpResponse:
    """Public: type a serial number (a GET form)."""
    return _verify(request, request.GET.get("serial"))


def verify_serial(request: HttpRequest, serial: str) -> HttpResponse:
    """Public: where a certificate's QR code leads."""
    return _verify(request, serial)
