"""Every cell of the instalments and follow-up table in docs/permissions.md
(`assistance-staged`): who may set a schedule, release (skip, stop) instalments,
plan follow-up aid and read them (reading the case), on a case in the state the
column names. One test checks every cell and names each differing one."""

from __future__ import annotations

from decimal import Decimal

import assistance.rules  # noqa: F401  (registers every assistance permission)
from assistance.cases.models import Kind, State
from tests.assistance.rules.case_table import ROWS
from tests.support.permissions import doc_table

# column -> (permission, case state, case kind)
COLUMNS = {
    "set_instalments (reviewed)": ("set_instalments", State.REVIEWED, Kind.MINIMUM_LIVING),
    "set_instalments (publicity)": ("set_instalments", State.PUBLICITY, Kind.MINIMUM_LIVING),
    "set_instalments (confirmed 临时救助)": ("set_instalments", State.CONFIRMED, Kind.TEMPORARY),
    "set_instalments (confirmed 低保)": ("set_instalments", State.CONFIRMED, Kind.MINIMUM_LIVING),
    "set_instalments (accepted)": ("set_instalments", State.ACCEPTED, Kind.MINIMUM_LIVING),
    "release_instalment (confirmed)": ("release_instalment", State.CONFIRMED, Kind.TEMPORARY),
    "release_instalment (publicity)": ("release_instalment", State.PUBLICITY, Kind.MINIMUM_LIVING),
    "manage_follow_up (accepted)": ("manage_follow_up", State.ACCEPTED, Kind.MINIMUM_LIVING),
    "manage_follow_up (confirmed)": ("manage_follow_up", State.CONFIRMED, Kind.TEMPORARY),
    "manage_follow_up (refused)": ("manage_follow_up", State.REFUSED, Kind.MINIMUM_LIVING),
    "view_case (confirmed)": ("view_case", State.CONFIRMED, Kind.TEMPORARY),
}  # fmt: skip

Y, N = True, False
NONE = (N,) * len(COLUMNS)
# set ×5 (reviewed, publicity, confirmed 临时救助, confirmed 低保, accepted),
# release ×2 (confirmed, publicity), follow-up ×3 (accepted, confirmed, refused), view
TABLE: dict[str, tuple[bool, ...]] = {
    "applicant": (N, N, N, N, N, N, N, N, N, N, Y),
    "household member": (N, N, N, N, N, N, N, N, N, N, Y),
    "verified resident (another household)": NONE,
    "committee member": NONE,
    "supervision member": NONE,
    "volunteer coordinator": NONE,
    "assistance coordinator": (N, N, N, N, N, Y, N, Y, Y, N, Y),
    "assistance coordinator without TOTP": NONE,
    "assistance coordinator of another community": NONE,
    "street assistance officer": (Y, Y, Y, N, N, Y, N, Y, Y, N, Y),
    "street assistance officer of another street": NONE,
    "district assistance supervisor": (N, N, N, N, N, N, N, N, N, N, Y),
    "district assistance supervisor of another district": NONE,
    "street officer": NONE,
    "district officer": NONE,
    "platform admin": NONE,
    "proxy filer (assistance coordinator of another street)": NONE,
}


def test_each_person_may_do_exactly_what_the_staged_table_gives(request, make_case):
    get = request.getfixturevalue
    people = {who: build(get) for who, build in ROWS.items()}
    cases = {}
    for _perm, state, kind in COLUMNS.values():
        if (state, kind) not in cases:
            amount = Decimal("1000.00") if state == State.CONFIRMED else None
            cases[state, kind] = make_case(state, kind=kind, monthly_amount=amount)
    wrong = [
        f"{who} | {column}: table says {expected}, code says {not expected}"
        for who, row in TABLE.items()
        for column, expected in zip(COLUMNS, row, strict=True)
        if people[who].has_perm(
            f"assistance.{COLUMNS[column][0]}", cases[COLUMNS[column][1:]]
        )
        is not expected
    ]
    assert not wrong, "\n".join(wrong)
    assert set(TABLE) == set(ROWS)
    assert doc_table("assistance-staged", tuple(COLUMNS)) == TABLE
