"""`manage.py export_low_income`: the documented file for the city's monitoring
platform, logged and audited, refused without an agreement reference."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from assistance.cases.models import State
from assistance.oversight.exports import FIELDS
from assistance.oversight.models import ExportLog
from audit.models import AuditEvent

from .conftest import TODAY, make_case

pytestmark = pytest.mark.django_db


def supported(place):
    case = make_case(
        place["community"],
        state=State.CONFIRMED,
        members=2,
        monthly_amount=Decimal("1300"),
        start_month=TODAY.replace(day=1),
        applicant_name="=HYPERLINK()",
    )
    make_case(place["village"], state=State.REFUSED)
    make_case(place["village"], state=State.PUBLICITY)
    return case


def test_json_export_with_decrypted_id_numbers(place, tmp_path):
    case = supported(place)
    out = tmp_path / "export.json"
    call_command(
        "export_low_income",
        "--district",
        place["district"].slug,
        "--format",
        "json",
        "--out",
        str(out),
        "--agreement",
        "委托协议 2026-07",
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format_version"] == 1 and data["agreement"] == "委托协议 2026-07"
    assert data["fields"] == FIELDS
    assert len(data["rows"]) == 2
    row = data["rows"][0]
    assert row["tracking_number"] == case.tracking_number
    assert row["id_number"] == "110101198001010000"
    assert row["monthly_amount"] == "1300.00" and row["household_size"] == 2
    assert row["area"] == "urban"
    assert (out.stat().st_mode & 0o777) == 0o600
    log = ExportLog.objects.get()
    assert log.rows == 2 and log.format == "json" and log.district == place["district"]
    event = AuditEvent.objects.get(action="assistance.low_income_export")
    assert event.data["rows"] == 2
    assert "110101198001010000" not in json.dumps(event.data)


def test_csv_export_is_formula_safe(place, tmp_path):
    case = supported(place)
    case.members.filter(relationship="child").update(name="=cmd|' /C calc'!A0")
    out = tmp_path / "export.csv"
    call_command(
        "export_low_income",
        "--district",
        place["district"].slug,
        "--format",
        "csv",
        "--out",
        str(out),
        "--agreement",
        "A-1",
    )
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == FIELDS
    assert len(rows) == 3
    names = [r[FIELDS.index("member_name")] for r in rows[1:]]
    assert all(not name.startswith("=") for name in names)


def test_refused_without_an_agreement(place, tmp_path):
    supported(place)
    out = tmp_path / "export.json"
    for agreement in ([], ["--agreement", "   "]):
        with pytest.raises(CommandError, match="agreement"):
            call_command(
                "export_low_income",
                "--district",
                place["district"].slug,
                "--out",
                str(out),
                *agreement,
            )
    assert not out.exists()
    assert not ExportLog.objects.exists()
    assert not AuditEvent.objects.filter(action="assistance.low_income_export").exists()


def test_unknown_district_and_unwritable_path(place, tmp_path):
    with pytest.raises(CommandError, match="No district"):
        call_command(
            "export_low_income",
            "--district",
            "nowhere",
            "--out",
            str(tmp_path / "x"),
            "--agreement",
            "A",
        )
    with pytest.raises(CommandError, match="No district"):
        call_command(
            "export_low_income",
            "--district",
            place["street"].slug,
            "--out",
            str(tmp_path / "x"),
            "--agreement",
            "A",
        )
    with pytest.raises(CommandError):
        call_command(
            "export_low_income",
            "--district",
            place["district"].slug,
            "--out",
            str(tmp_path / "missing-dir" / "x.json"),
            "--agreement",
            "A",
        )
    assert not ExportLog.objects.exists()
