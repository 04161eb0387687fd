"""governance.certificates.demo: 示范区's allowed list with templates, requests
of 和平社区 in each state, an issued certificate with the serial README shows,
verifiable and masked; a second seeding adds nothing."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from governance.certificates.data import forbidden_match
from governance.certificates.demo import DEMO_SERIAL
from governance.certificates.models import CertificateRequest, CertificateType

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_demo_has_a_list_requests_in_each_state_and_a_certificate(seeded, client):
    types = CertificateType.objects.filter(district__slug="shifan")
    assert types.count() == 5
    assert not [t.name for t in types if forbidden_match(t.name)]
    assert all("{name}" in t.template for t in types)
    rows = CertificateRequest.objects.filter(community__slug="heping")
    assert sorted(rows.values_list("status", flat=True)) == [
        "issued",
        "refused",
        "submitted",
        "submitted",
    ]
    assert sum(row.is_overdue() for row in rows) == 1
    issued = rows.get(status="issued")
    assert issued.serial == DEMO_SERIAL and DEMO_SERIAL in issued.text
    cache.delete("governance:certificate-verify:127.0.0.1")  # Redis keeps counters
    page = client.get(
        reverse("governance:certificate-verify-serial", args=[DEMO_SERIAL])
    )
    html = page.content.decode()
    assert page.status_code == 200 and "林*梅" in html and "林小梅" not in html
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    assert DEMO_SERIAL in re.sub(r"\s+", "", readme)
    counts = (CertificateType.objects.count(), CertificateRequest.objects.count())
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert counts == (
        CertificateType.objects.count(),
        CertificateRequest.objects.count(),
    )
