"""Fixtures of the reports tests: `make_report(**fields)` files a report in
`community` through the service (a resident reporting by default) and applies
any field given afterwards (created_at, visit_due, escalated_at…)."""

from __future__ import annotations

import pytest

from assistance.discovery import services
from assistance.discovery.models import Capacity, Report, Urgency


@pytest.fixture
def make_report(community, resident):
    def make(reporter=resident, urgency=Urgency.NORMAL, phone="", **fields) -> Report:
        report = services.file_report(
            community=fields.pop("community", community),
            reporter=reporter,
            place="5号楼2单元302室",
            seen="独居老人三天没下楼",
            urgency=urgency,
            capacity=Capacity.RESIDENT,
            phone=phone,
        )
        if fields:
            Report.objects.filter(pk=report.pk).update(**fields)
            report.refresh_from_db()
        return report

    return make
