"""Every cell of the periodic review and early warning table in
docs/permissions.md (`assistance-monitoring`), in one test, with the rows of
the case tables (case_table.py)."""

from __future__ import annotations

from django.utils import timezone

import assistance.rules  # noqa: F401  (registers every assistance permission)
from assistance.monitoring.models import EarlyWarning
from tests.assistance.rules.case_table import ROWS
from tests.assistance.rules.monitoring_table import COLUMNS
from tests.support.permissions import doc_table

Y, N = True, False
NONE = (N, N, N, N)
# view (community), view (warning), act (open), act (closed)
TABLE: dict[str, tuple[bool, ...]] = {
    "applicant": NONE,
    "household member": NONE,
    "verified resident (another household)": NONE,
    "committee member": NONE,
    "supervision member": NONE,
    "volunteer coordinator": NONE,
    "assistance coordinator": (Y, Y, Y, N),
    "assistance coordinator without TOTP": NONE,
    "assistance coordinator of another community": NONE,
    "street assistance officer": (Y, Y, N, N),
    "street assistance officer of another street": NONE,
    "district assistance supervisor": (Y, Y, N, N),
    "district assistance supervisor of another district": NONE,
    "street officer": NONE,
    "district officer": NONE,
    "platform admin": NONE,
    "proxy filer (assistance coordinator of another street)": NONE,
}


def test_each_person_sees_and_acts_on_warnings_exactly_as_the_table_gives(
    request, make_case, community
):
    get = request.getfixturevalue
    people = {who: build(get) for who, build in ROWS.items()}
    case = make_case("confirmed")
    objects = {
        "community": community,
        "open warning": EarlyWarning.objects.create(
            case=case, community=community, reason="income_drop"
        ),
        "closed warning": EarlyWarning.objects.create(
            case=case,
            community=community,
            reason="expense_rise",
            closed_at=timezone.now(),
            action="no_action",
        ),
    }
    wrong = [
        f"{who} | {column}: table says {expected}, code says {not expected}"
        for who, row in TABLE.items()
        for column, expected in zip(COLUMNS, row, strict=True)
        if people[who].has_perm(
            f"assistance.{COLUMNS[column][0]}", objects[COLUMNS[column][1]]
        )
        is not expected
    ]
    assert not wrong, "\n".join(wrong)
    assert set(TABLE) == set(ROWS)


def test_docs_monitoring_table_matches_the_tested_table():
    assert doc_table("assistance-monitoring", tuple(COLUMNS)) == TABLE
