"""Every cell of the assistance case tables in docs/permissions.md.

Three tables: who may read a case file in each state (`assistance-case-view`),
who may take each step in the state it belongs to (`assistance-case-steps`), and
in which states each permission can be held at all (`assistance-case-states`,
asked of the people who hold case permissions). The rows are built in
case_table.py against the fixtures of tests/assistance/conftest.py.
"""

from __future__ import annotations

import pytest
from rules.permissions import permissions as RULES

import assistance.rules  # noqa: F401  (registers every assistance permission)
from tests.assistance.rules.case_table import (
    CASE_PERMISSIONS,
    HOLDERS,
    PROXY,
    ROWS,
    STATES,
    STEP_COLUMNS,
)
from tests.assistance.rules.monitoring_table import MONITORING_PERMISSIONS
from tests.support.permissions import doc_table

Y, N = True, False
NOWHERE = (N,) * len(STATES)
EVERY_STATE = (Y,) * len(STATES)
BUT_DRAFT = (N,) + (Y,) * (len(STATES) - 1)
# draft, submitted, returned, accepted, investigated, appraised, reviewed,
# publicity, confirmed, refused, appealed, withdrawn, stopped
VIEW_TABLE: dict[str, tuple[bool, ...]] = {
    "applicant": EVERY_STATE,
    "household member": EVERY_STATE,
    "verified resident (another household)": NOWHERE,
    "committee member": NOWHERE,
    "supervision member": NOWHERE,
    "volunteer coordinator": NOWHERE,
    "assistance coordinator": BUT_DRAFT,
    "assistance coordinator without TOTP": NOWHERE,
    "assistance coordinator of another community": NOWHERE,
    "street assistance officer": BUT_DRAFT,
    "street assistance officer of another street": NOWHERE,
    "district assistance supervisor": BUT_DRAFT,
    "district assistance supervisor of another district": NOWHERE,
    "street officer": NOWHERE,
    "district officer": NOWHERE,
    "platform admin": NOWHERE,
    PROXY: (Y, N, Y, N, N, N, N, N, N, N, N, N, N),
}

NO_STEP = (N,) * len(STEP_COLUMNS)
# edit (draft), edit (returned), withdraw, request missing items, accept,
# visit, check, appraisal, review, start publicity, confirm, refuse, extend,
# objection, appeal, decide appeal, exception, view reads, record review,
# decide review
STEP_TABLE: dict[str, tuple[bool, ...]] = {
    "applicant": (Y, Y, Y, N, N, N, N, N, N, N, N, N, N, N, Y, N, N, Y, N, N),
    "household member": (N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, Y, N, N),
    "verified resident (another household)": NO_STEP,
    "committee member": NO_STEP,
    "supervision member": NO_STEP,
    "volunteer coordinator": NO_STEP,
    "assistance coordinator": (
        N,
        N,
        N,
        Y,
        Y,
        Y,
        Y,
        Y,
        N,
        N,
        N,
        N,
        N,
        N,
        N,
        N,
        N,
        N,
        Y,
        N,
    ),
    "assistance coordinator without TOTP": NO_STEP,
    "assistance coordinator of another community": NO_STEP,
    "street assistance officer": (
        (N, N, N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, N, N, N, N, Y)
    ),
    "street assistance officer of another street": NO_STEP,
    "district assistance supervisor": (
        (N, N, N, N, N, Y, N, N, N, N, N, N, N, Y, N, Y, Y, Y, N, N)
    ),
    "district assistance supervisor of another district": NO_STEP,
    "street officer": NO_STEP,
    "district officer": NO_STEP,
    "platform admin": NO_STEP,
    PROXY: (Y, Y, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N),
}

# Which states each permission can be held in (by any of HOLDERS).
# draft, submitted, returned, accepted, investigated, appraised, reviewed,
# publicity, confirmed, refused, appealed, withdrawn, stopped
STATE_TABLE: dict[str, tuple[bool, ...]] = {
    "view_case": EVERY_STATE,
    "edit_application": (Y, N, Y, N, N, N, N, N, N, N, N, N, N),
    "withdraw_application": (Y, Y, Y, Y, Y, Y, Y, Y, N, N, N, N, N),
    "request_missing_items": (N, Y, N, N, N, N, N, N, N, N, N, N, N),
    "accept_case": (N, Y, N, N, N, N, N, N, N, N, N, N, N),
    "record_visit": (N, N, N, Y, Y, N, N, Y, N, N, N, N, N),
    "record_check": (N, N, N, Y, N, N, N, N, N, N, N, N, N),
    "record_appraisal": (N, N, N, N, Y, N, N, N, N, N, N, N, N),
    "review_case": (N, N, N, N, Y, Y, N, N, N, N, N, N, N),
    "start_publicity": (N, N, N, N, N, N, Y, N, N, N, N, N, N),
    "confirm_case": (N, N, N, N, N, N, N, Y, N, N, N, N, N),
    "refuse_case": (N, N, N, N, N, N, Y, Y, N, N, N, N, N),
    "extend_deadline": (N, N, N, Y, Y, Y, Y, Y, N, N, N, N, N),
    "handle_objection": (N, N, N, N, N, N, N, Y, N, N, N, N, N),
    "appeal": (N, N, N, N, N, N, N, N, N, Y, N, N, N),
    "decide_appeal": (N, N, N, N, N, N, N, N, N, N, Y, N, N),
    "grant_exception": (N, Y, Y, Y, Y, Y, Y, Y, N, N, Y, N, N),
    "view_case_reads": EVERY_STATE,
    "record_review": (N, N, N, N, N, N, N, N, Y, N, N, N, N),
    "decide_review": (N, N, N, N, N, N, N, N, Y, N, N, N, N),
}


class World:
    """The people of the rows and one case per state (and, for the proxy filer,
    one case per state filed by them), built once for a whole table: a table is
    one test that checks every cell and names every cell that differs."""

    def __init__(self, request) -> None:
        get = request.getfixturevalue
        self.make_case = get("make_case")
        self.people = {who: build(get) for who, build in ROWS.items()}
        self._cases: dict[tuple[str, bool], object] = {}

    def case(self, state: str, *, proxy: bool) -> object:
        key = (state, proxy)
        if key not in self._cases:
            options = (
                {"filed_by": self.people[PROXY], "filed_by_proxy": True}
                if proxy
                else {}
            )
            self._cases[key] = self.make_case(state, **options)
        return self._cases[key]

    def may(self, who: str, perm: str, state: str) -> bool:
        case = self.case(state, proxy=who == PROXY)
        return self.people[who].has_perm(f"assistance.{perm}", case)


def differing(table, columns, answer) -> list[str]:
    """Every cell where the code's answer differs from the table."""
    return [
        f"{who} | {column}: table says {expected}, code says {not expected}"
        for who, row in table.items()
        for column, expected in zip(columns, row, strict=True)
        if answer(who, column) is not expected
    ]


def test_each_person_reads_a_case_file_exactly_in_the_states_the_table_gives(request):
    world = World(request)
    wrong = differing(
        VIEW_TABLE, STATES, lambda who, state: world.may(who, "view_case", state)
    )
    assert not wrong, "\n".join(wrong)


def test_each_person_takes_exactly_the_steps_the_table_gives(request):
    world = World(request)
    wrong = differing(
        STEP_TABLE,
        tuple(STEP_COLUMNS),
        lambda who, column: world.may(who, *STEP_COLUMNS[column]),
    )
    assert not wrong, "\n".join(wrong)


def test_each_permission_is_held_exactly_in_the_states_the_table_gives(request):
    world = World(request)

    def held(perm: str, state: str) -> bool:
        case = world.case(state, proxy=True)
        holders = [world.people[who] for who in HOLDERS]
        return any(u.has_perm(f"assistance.{perm}", case) for u in holders)

    wrong = differing(STATE_TABLE, STATES, held)
    assert not wrong, "\n".join(wrong)


def test_the_tables_cover_every_case_permission_and_every_row():
    registered = {
        name.removeprefix("assistance.")
        for name in RULES
        if name.startswith("assistance.")
    }
    # Permissions of part-2 concerns, each checked by that concern's own table.
    own_tables = {
        *MONITORING_PERMISSIONS,
        "set_instalments",  # tests/assistance/instalments
        "release_instalment",
        "manage_follow_up",  # tests/assistance/followup
        # tests/assistance/referrals
        "register_organisation",
        "manage_contracts",
        "edit_organisation",
        "add_social_worker",
        "refer_case",
        "view_referral",
        "assign_referral",
        "accept_referral",
        "record_referral_visit",
        "complete_referral",
        # tests/assistance/emergency
        "grant_advance_aid",
        "list_advance_aid",
        "view_advance_aid",
        "view_emergency_periods",
        "declare_emergency",
    }
    region_level = {
        *own_tables,
        "apply",
        "list_cases",
        "file_for_resident",
        "manage_standards",
        "spot_check",
        "view_dashboard",
        # Reports of households in difficulty (tests/assistance/discovery).
        "file_report",
        "list_reports",
        "view_report",
        "handle_report",
    }
    assert registered - region_level == set(CASE_PERMISSIONS) == set(STATE_TABLE)
    assert {perm for perm, _state in STEP_COLUMNS.values()} == (
        set(CASE_PERMISSIONS) - {"view_case"}
    )
    assert set(VIEW_TABLE) == set(STEP_TABLE) == set(ROWS)


def test_docs_case_view_table_matches_the_tested_table():
    assert doc_table("assistance-case-view", STATES) == VIEW_TABLE


def test_docs_case_steps_table_matches_the_tested_table():
    assert doc_table("assistance-case-steps", tuple(STEP_COLUMNS)) == STEP_TABLE


def test_docs_case_states_table_matches_the_tested_table():
    assert doc_table("assistance-case-states", STATES) == STATE_TABLE


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("assistance coordinator without TOTP", True),
        ("verified resident (another household)", False),
        ("committee member", False),
        ("assistance coordinator of another community", False),
    ],
)
def test_a_refusal_is_blamed_on_missing_totp_only_when_totp_would_allow(
    request, make_case, who, expected
):
    from communities.rules import refused_for_missing_mfa

    user = ROWS[who](request.getfixturevalue)
    case = make_case("accepted")
    assert refused_for_missing_mfa(user, "assistance.view_case", case) is expected
