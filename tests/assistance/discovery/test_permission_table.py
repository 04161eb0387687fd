"""Every cell of the reports table in docs/permissions.md
(`assistance-reports`), in one test: the people of the rows against one
community's reports waiting, escalated and handled."""

from __future__ import annotations

from django.utils import timezone

import assistance.rules  # noqa: F401  (registers every assistance permission)
from assistance.discovery.models import Outcome
from tests.support.actors import ACTORS
from tests.support.permissions import doc_table

# column -> (permission, the object: community or a report in that state)
COLUMNS = {
    "file_report": ("file_report", "community"),
    "list_reports": ("list_reports", "community"),
    "view_report (waiting)": ("view_report", "waiting"),
    "view_report (escalated)": ("view_report", "escalated"),
    "view_report (handled)": ("view_report", "handled"),
    "handle_report (waiting)": ("handle_report", "waiting"),
    "handle_report (escalated)": ("handle_report", "escalated"),
    "handle_report (handled)": ("handle_report", "handled"),
}
Y, N = True, False
ONLY_FILE = (Y, N, N, N, N, N, N, N)
TABLE: dict[str, tuple[bool, ...]] = {
    "visitor": ONLY_FILE,
    "verified resident": ONLY_FILE,
    "reporter": ONLY_FILE,
    "committee member": ONLY_FILE,
    "volunteer coordinator": ONLY_FILE,
    "assistance coordinator": (Y, Y, Y, Y, Y, Y, Y, N),
    "assistance coordinator without TOTP": ONLY_FILE,
    "assistance coordinator of another community": ONLY_FILE,
    "street assistance officer": (Y, Y, N, Y, N, N, Y, N),
    "street assistance officer of another street": ONLY_FILE,
    "district assistance supervisor": (Y, Y, Y, Y, Y, N, N, N),
    "district assistance supervisor of another district": ONLY_FILE,
    "street officer": ONLY_FILE,
    "district officer": ONLY_FILE,
    "platform admin": ONLY_FILE,
    "superuser": ONLY_FILE,
}
FROM_ACTORS = {"volunteer coordinator": "coordinator"}


def test_each_person_may_exactly_what_the_reports_table_gives(
    request, community, resident, coordinator, officer, supervisor, make_report
):
    fixtures = {
        "reporter": resident,
        "assistance coordinator": coordinator,
        "street assistance officer": officer,
        "district assistance supervisor": supervisor,
    }
    people = {
        who: fixtures.get(who) or ACTORS[FROM_ACTORS.get(who, who)](community)
        for who in TABLE
    }
    now = timezone.now()
    objects = {
        "community": community,
        "waiting": make_report(),
        "escalated": make_report(escalated_at=now),
        "handled": make_report(visited_at=now, outcome=Outcome.NO_NEED, handled_at=now),
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


def test_docs_reports_table_matches_the_tested_table():
    assert doc_table("assistance-reports", tuple(COLUMNS)) == TABLE
