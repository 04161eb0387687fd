"""Writes of certificates (出具证明): the district's allowed list, a resident's
request, the committee's issue or refusal, and the daily overdue reminder. One
transaction each, audited; the view has checked the permission, the service checks
the rules (the national "must not issue" list, the district, the state under a
row lock).

A type's template is filled by `render_text`: `{name}`-style placeholders from
`PLACEHOLDERS` are replaced by plain substitution, never `str.format`, so a
template cannot reach attributes or indexes; any other brace text stays as it is
and an unknown placeholder is refused when the type is saved.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assistance.standards.workdays import add_working_days
from audit.services import record
from communities.models import Community, Region
from communities.selectors import committee_members
from communities.verification import new_serial
from communities.wording import term
from governance.certificates import selectors
from governance.certificates.data import ForbiddenItem, forbidden_match
from governance.certificates.models import (
    CertificateEvidence,
    CertificateRequest,
    CertificateType,
)
from notifications.services import notify

KIND_CERTIFICATE_DECIDED = "governance.certificate_decided"
KIND_CERTIFICATE_REQUESTED = "governance.certificate_requested"
KIND_CERTIFICATE_OVERDUE = "governance.certificate_overdue"
SERIAL_PREFIX = "ZM"
MAX_EVIDENCE_FILES = 10
S = CertificateRequest.Status

PLACEHOLDERS = {
    "name": gettext_lazy("the person's name"),
    "community": gettext_lazy("the community's name"),
    "committee": gettext_lazy("the issuing committee"),
    "purpose": gettext_lazy("the purpose the resident stated"),
    "date": gettext_lazy("the issue date"),
    "type": gettext_lazy("the certificate's name"),
    "serial": gettext_lazy("the serial number"),
}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
TYPE_FIELDS = (
    "name",
    "legal_basis",
    "purpose",
    "procedure",
    "evidence",
    "template",
    "time_limit_days",
    "order",
)


# ---------------------------------------------------------------------------
# The national "must not issue" list and templates
# ---------------------------------------------------------------------------
def forbidden_message(item: ForbiddenItem) -> str:
    return _(
        "The committee may not issue “%(name)s” (national list of certificates "
        "the committee must not issue, 民发〔2020〕20号). Please apply to "
        "%(authority)s."
    ) % {"name": item.name, "authority": item.authority}


def check_name(name: str) -> None:
    item = forbidden_match(name)
    if item is not None:
        raise ValidationError({"name": forbidden_message(item)})


def check_template(template: str) -> None:
    unknown = sorted(set(_PLACEHOLDER.findall(template)) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            {
                "template": _(
                    "Unknown placeholder(s): %(unknown)s. Use only %(known)s."
                )
                % {
                    "unknown": "、".join("{" + u + "}" for u in unknown),
                    "known": "、".join("{" + k + "}" for k in PLACEHOLDERS),
                }
            }
        )


def render_text(template: str, values: dict[str, str]) -> str:
    """The template with each known placeholder replaced (plain substitution)."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
        template,
    )


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------------------
# The district's allowed list
# ---------------------------------------------------------------------------
def _clean_type(district: Region, fields: dict[str, Any], pk: int | None) -> None:
    check_name(fields["name"])
    check_template(fields["template"])
    clash = CertificateType.objects.filter(
        district=district, name=fields["name"]
    ).exclude(pk=pk)
    if clash.exists():
        raise ValidationError(
            {"name": _("The district's list already has a certificate of this name.")}
        )


@transaction.atomic
def create_type(*, actor: Any, district: Region, **fields: Any) -> CertificateType:
    if not district.is_district:
        raise ValidationError(_("Only a district keeps a list of certificates."))
    data = {key: fields[key] for key in TYPE_FIELDS}
    _clean_type(district, data, None)
    created = CertificateType.objects.create(district=district, **data)
    record(
        actor=actor,
        action="governance.certificate_type_created",
        target=created,
        data={"district": district.pk, "name": created.name},
    )
    return created


@transaction.atomic
def update_type(
    *, actor: Any, certificate_type: CertificateType, **fields: Any
) -> CertificateType:
    locked = CertificateType.objects.select_for_update().get(pk=certificate_type.pk)
    data = {key: fields[key] for key in TYPE_FIELDS}
    _clean_type(locked.district, data, locked.pk)
    before = {key: getattr(locked, key) for key in data}
    for key, value in data.items():
        setattr(locked, key, value)
    locked.save()
    record(
        actor=actor,
        action="governance.certificate_type_changed",
        target=locked,
        data={
            "changed": sorted(k for k, v in data.items() if before[k] != v),
            "name": locked.name,
        },
    )
    return locked


@transaction.atomic
def set_type_active(
    *, actor: Any, certificate_type: CertificateType, active: bool
) -> CertificateType:
    locked = CertificateType.objects.select_for_update().get(pk=certificate_type.pk)
    if active:
        check_name(locked.name)
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    record(
        actor=actor,
        action="governance.certificate_type_"
        + ("activated" if active else "deactivated"),
        target=locked,
        data={"name": locked.name},
    )
    return locked


# ---------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------
def request_url(request: CertificateRequest) -> str:
    return reverse(
        "governance:certificate-request-detail",
        args=[request.community.slug, request.pk],
    )


@transaction.atomic
def request_certificate(
    *,
    actor: Any,
    community: Community,
    certificate_type: CertificateType,
    person_name: str,
    purpose: str,
    files: list[Any] | None = None,
) -> CertificateRequest:
    """A verified resident asks for one of the district's allowed certificates."""
    files = list(files or [])
    district_id = selectors.district_id_of(community)
    if certificate_type.district_id != district_id or not certificate_type.is_active:
        raise ValidationError(
            {"certificate_type": _("Choose a certificate from this community's list.")}
        )
    item = forbidden_match(certificate_type.name)
    if item is not None:
        raise ValidationError({"certificate_type": forbidden_message(item)})
    if len(files) > MAX_EVIDENCE_FILES:
        raise ValidationError(
            {"evidence": _("At most %(count)s files.") % {"count": MAX_EVIDENCE_FILES}}
        )
    today = timezone.localdate()
    created = CertificateRequest.objects.create(
        community=community,
        applicant=actor,
        certificate_type=certificate_type,
        person_name=person_name.strip(),
        purpose=purpose.strip(),
        due_on=add_working_days(district_id, today, certificate_type.time_limit_days),
    )
    for upload in files:
        CertificateEvidence.objects.create(
            request=created,
            file=upload,
            original_name=(getattr(upload, "name", "") or "")[:200],
        )
    record(
        actor=actor,
        action="governance.certificate_requested",
        target=created,
        community=community,
        data={"type": certificate_type.pk, "evidence": len(files)},
    )
    notify(
        recipients=committee_members(community),
        kind=KIND_CERTIFICATE_REQUESTED,
        title=_("A resident asks for a certificate: %(type)s")
        % {"type": certificate_type.name},
        url=request_url(created),
    )
    return created


def _locked_submitted(request: CertificateRequest) -> CertificateRequest:
    locked = (
        CertificateRequest.objects.select_for_update()
        .select_related("community", "certificate_type")
        .get(pk=request.pk)
    )
    if locked.status != S.SUBMITTED:
        raise ValidationError(_("This request has already been handled."))
    return locked


def _issuer(community: Community) -> str:
    with translation.override("zh-hans"):
        return f"{community.name}{term(community, 'committee')}"


@transaction.atomic
def issue_certificate(*, actor: Any, request: CertificateRequest) -> CertificateRequest:
    """Generate the certificate from the type's template (frozen), with a serial."""
    locked = _locked_submitted(request)
    today = timezone.localdate()
    issuer = _issuer(locked.community)
    serial = new_serial(SERIAL_PREFIX)
    values = {
        "name": locked.person_name,
        "community": locked.community.name,
        "committee": issuer,
        "purpose": locked.purpose,
        "date": chinese_date(today),
        "type": locked.certificate_type.name,
        "serial": serial,
    }
    locked.status = S.ISSUED
    locked.serial = serial
    locked.issued_on = today
    locked.type_name = locked.certificate_type.name
    locked.issuer = issuer
    locked.text = render_text(locked.certificate_type.template, values)
    locked.handled_by = actor
    locked.handled_at = timezone.now()
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError:  # a serial clash (80 random bits): draw once more
        locked.serial = new_serial(SERIAL_PREFIX)
        locked.text = render_text(
            locked.certificate_type.template, {**values, "serial": locked.serial}
        )
        locked.save()
    record(
        actor=actor,
        action="governance.certificate_issued",
        target=locked,
        community=locked.community,
        data={"serial": locked.serial, "type": locked.certificate_type_id},
    )
    notify(
        recipients=[locked.applicant],
        kind=KIND_CERTIFICATE_DECIDED,
        title=_("Your certificate is issued: %(type)s") % {"type": locked.type_name},
        url=request_url(locked),
    )
    return locked


@transaction.atomic
def refuse_certificate(
    *, actor: Any, request: CertificateRequest, reason: str
) -> CertificateRequest:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the refusal.")})
    locked = _locked_submitted(request)
    locked.status = S.REFUSED
    locked.refusal_reason = reason
    locked.handled_by = actor
    locked.handled_at = timezone.now()
    locked.save()
    record(
        actor=actor,
        action="governance.certificate_refused",
        target=locked,
        community=locked.community,
        data={"type": locked.certificate_type_id},
    )
    notify(
        recipients=[locked.applicant],
        kind=KIND_CERTIFICATE_DECIDED,
        title=_("Your certificate request was refused: %(type)s")
        % {"type": locked.certificate_type.name},
        body=reason,
        url=request_url(locked),
    )
    return locked


def notify_overdue() -> int:
    """Daily: tell the committee once about each request past its due date."""
    told = 0
    for row in selectors.overdue_unnotified():
        with transaction.atomic():
            claimed = CertificateRequest.objects.filter(
                pk=row.pk, status=S.SUBMITTED, overdue_notified_at__isnull=True
            ).update(overdue_notified_at=timezone.now())
            if not claimed:
                continue
            notify(
                recipients=committee_members(row.community),
                kind=KIND_CERTIFICATE_OVERDUE,
                title=_("A certificate request is overdue: %(type)s")
                % {"type": row.certificate_type.name},
                url=request_url(row),
            )
            told += 1
    return told
