"""Personal data of certificates: a person's requests (type, purpose, status,
dates, serial, refusal reason) in their personal-data export."""

from __future__ import annotations

from typing import Any

from governance.certificates.models import CertificateRequest


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def collect_certificate_requests(user: Any) -> list[dict[str, Any]]:
    rows = (
        CertificateRequest.objects.filter(applicant=user)
        .select_related("community", "certificate_type")
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "community": r.community.name,
            "certificate": r.certificate_type.name,
            "name_on_certificate": r.person_name,
            "purpose": r.purpose,
            "status": r.status,
            "submitted_at": _iso(r.submitted_at),
            "due_on": _iso(r.due_on),
            "handled_at": _iso(r.handled_at),
            "serial": r.serial or "",
            "refusal_reason": r.refusal_reason,
        }
        for r in rows
    ]
