"""The export for the city's 低收入人口 monitoring platform (rule 30): one row per
member of every household the district supports (confirmed cases), with the ID
numbers the platform matches on, decrypted only into the file. Each export is
logged (`ExportLog`) and audited. Fields: docs/assistance-export.md."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from assistance.oversight.models import ExportLog
from assistance.oversight.selectors import recipients_for_export
from assistance.standards.selectors import area_of
from audit.services import record
from communities.csv_export import safe_writer
from communities.models import Region

FORMAT_VERSION = 1
FORMATS = ("json", "csv")
FIELDS = [
    "tracking_number",
    "district",
    "street",
    "community",
    "area",
    "kind",
    "temporary_cause",
    "decided_on",
    "start_month",
    "monthly_amount",
    "household_size",
    "member_name",
    "relationship",
    "id_number",
    "birth_year",
]


def export_rows(district: Region) -> list[dict[str, Any]]:
    rows = []
    for case in recipients_for_export(district):
        members = list(case.members.all())
        for member in members:
            rows.append(
                {
                    "tracking_number": case.tracking_number,
                    "district": district.name,
                    "street": case.community.street.name,
                    "community": case.community.name,
                    "area": str(area_of(case.community)),
                    "kind": case.kind,
                    "temporary_cause": case.temporary_cause,
                    "decided_on": (
                        timezone.localdate(case.decided_at).isoformat()
                        if case.decided_at
                        else ""
                    ),
                    "start_month": (
                        case.start_month.strftime("%Y-%m") if case.start_month else ""
                    ),
                    "monthly_amount": (
                        str(case.monthly_amount)
                        if case.monthly_amount is not None
                        else ""
                    ),
                    "household_size": len(members),
                    "member_name": member.name,
                    "relationship": member.relationship,
                    "id_number": member.id_number,
                    "birth_year": member.birth_year or "",
                }
            )
    return rows


def _write(path: Path, fmt: str, header: dict[str, Any], rows: list[dict]) -> None:
    # Created readable by the owner only: the file holds ID numbers.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "w", encoding="utf-8", newline="") as stream:
        if fmt == "json":
            json.dump({**header, "rows": rows}, stream, ensure_ascii=False, indent=2)
            return
        stream.write("\ufeff")
        writer = safe_writer(stream)
        writer.writerow(FIELDS)
        writer.writerows([row[name] for name in FIELDS] for row in rows)


def export_low_income(
    *, district: Region, fmt: str, path: str, agreement: str, made_by: str
) -> ExportLog:
    """Write the file and log it. ValueError for a bad format or no agreement."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if not agreement.strip():
        raise ValueError("an entrusted-processing agreement reference is required")
    rows = export_rows(district)
    target = Path(path)
    header = {
        "format_version": FORMAT_VERSION,
        "generated_at": timezone.now().isoformat(),
        "district": district.name,
        "agreement": agreement.strip(),
        "fields": FIELDS,
    }
    with transaction.atomic():
        log = ExportLog.objects.create(
            made_by=made_by[:150],
            district=district,
            format=fmt,
            path=str(target)[:300],
            rows=len(rows),
            agreement=agreement.strip()[:200],
        )
        record(
            actor=None,
            action="assistance.low_income_export",
            target=log,
            data={
                "district": district.slug,
                "format": fmt,
                "rows": len(rows),
                "agreement": log.agreement,
                "made_by": log.made_by,
            },
        )
        _write(target, fmt, header, rows)
    return log
