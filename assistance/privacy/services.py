"""Account deletion and retention for assistance cases.

Case files are records the law keeps (社会救助暂行办法; the district's retention
setting), so deleting an account does not delete them: the case is unlinked from
the account and kept. Once a case has been closed for longer than the district's
`retention_years`, the daily job blanks its personal data (names, phones, ID
numbers, free texts; attachments removed) and keeps the amounts and states for
statistics.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.cases.models import (
    CLOSED_STATES,
    Attachment,
    Case,
    CaseEvent,
    ExpenseItem,
    HouseholdMember,
    MissingItemsRequest,
    PropertyItem,
)
from assistance.decisions.models import Appeal, DistrictException, Refusal
from assistance.investigation.models import FinancialCheck, HomeVisit, ReviewOpinion
from assistance.privacy import anonymisers
from assistance.publicity.models import Publicity, PublicityObjection
from assistance.standards.models import AssistanceSettings
from audit.services import record

DEFAULT_RETENTION_YEARS = AssistanceSettings._meta.get_field("retention_years").default


def kept_records(user: Any) -> list[str]:
    """Why the person's assistance cases stay after their account is deleted."""
    if not Case.objects.filter(Q(applicant=user) | Q(members__user=user)).exists():
        return []
    return [
        _(
            "Your social assistance applications are records the law requires "
            "the civil affairs office to keep. Deleting your account unlinks them "
            "from it; an open application continues to be handled. Their personal "
            "data is erased once the district's retention period after the case "
            "ends has passed."
        )
    ]


def unlink_account(user: Any) -> None:
    """Anonymiser: keep the person's cases, unlinked from the deleted account."""
    Case.objects.filter(applicant=user).update(applicant=None)
    HouseholdMember.objects.filter(user=user).update(user=None)


def _cutoff(now: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def expired_cases(now: datetime.datetime | None = None) -> list[int]:
    """Ids of closed cases past their district's retention period (two queries)."""
    now = now or timezone.now()
    years = dict(
        AssistanceSettings.objects.values_list("district_id", "retention_years")
    )
    shortest = min([DEFAULT_RETENTION_YEARS, *years.values()])
    rows = Case.objects.filter(
        state__in=CLOSED_STATES,
        anonymised_at__isnull=True,
        closed_at__lt=_cutoff(now, shortest),
    ).values_list("pk", "closed_at", "community__street__parent_id")
    return [
        pk
        for pk, closed_at, district_id in rows
        if closed_at < _cutoff(now, years.get(district_id, DEFAULT_RETENTION_YEARS))
    ]


def anonymise_cases(*, case_ids: list[int], now: datetime.datetime | None = None):
    """Blank the personal data of these cases; amounts and states stay."""
    now = now or timezone.now()
    with transaction.atomic():
        Case.objects.filter(pk__in=case_ids).update(
            applicant=None,
            household=None,
            applicant_name="",
            applicant_phone="",
            phone_digest="",
            reason="",
            bank_account="",
            commitment_name="",
            relative_note="",
            extension_reason="",
            amount_calculation="",
            service_point="",
            anonymised_at=now,
        )
        HouseholdMember.objects.filter(case_id__in=case_ids).update(
            name="", id_number="", health="", disability="", employment="", user=None
        )
        PropertyItem.objects.filter(case_id__in=case_ids).update(description="")
        ExpenseItem.objects.filter(case_id__in=case_ids).update(description="")
        CaseEvent.objects.filter(case_id__in=case_ids).update(note="", public_note="")
        MissingItemsRequest.objects.filter(case_id__in=case_ids).update(note="")
        HomeVisit.objects.filter(case_id__in=case_ids).update(findings="")
        FinancialCheck.objects.filter(case_id__in=case_ids).update(summary="")
        ReviewOpinion.objects.filter(case_id__in=case_ids).update(opinion="")
        Refusal.objects.filter(case_id__in=case_ids).update(reasons="")
        Appeal.objects.filter(case_id__in=case_ids).update(reason="", answer="")
        DistrictException.objects.filter(case_id__in=case_ids).update(reason="")
        PublicityObjection.objects.filter(publicity__case_id__in=case_ids).update(
            objector_name="", objector_phone="", text=""
        )
        Publicity.objects.filter(case_id__in=case_ids).update(masked_name="")
        anonymisers.run(case_ids)
        files = [a.file for a in Attachment.objects.filter(case_id__in=case_ids)]
        Attachment.objects.filter(case_id__in=case_ids).delete()
        transaction.on_commit(lambda: _remove_files(files))
        if case_ids:
            record(
                actor=None,
                action="assistance.cases_anonymised",
                data={"cases": len(case_ids)},
            )


def _remove_files(files: list[Any]) -> None:
    for stored in files:
        if stored.name:
            stored.storage.delete(stored.name)


def anonymise_expired(now: datetime.datetime | None = None) -> int:
    """The daily job: anonymise every case past its retention period."""
    ids = expired_cases(now)
    anonymise_cases(case_ids=ids, now=now)
    return len(ids)
