"""The rows and columns of the case tables (test_case_permission_table.py).

Each row builds one person against the shared fixtures of tests/assistance
(`get` is pytest's `request.getfixturevalue`); the proxy filer also decides
who filed the case.
"""

from __future__ import annotations

from assistance.cases.models import State
from communities.models import Role
from tests.factories import CommunityFactory, StreetFactory
from tests.support.actors import ACTORS, grant_role

PROXY = "proxy filer (assistance coordinator of another street)"


def _actor(name):
    return lambda get: ACTORS[name](get("community"))


def _proxy_filer(get):
    far_street = StreetFactory(parent=get("district"))
    return grant_role(
        Role.AID_COORDINATOR, community=CommunityFactory(street=far_street)
    )


ROWS = {
    "applicant": lambda get: get("applicant"),
    "household member": lambda get: get("household_member"),
    "verified resident (another household)": lambda get: get("resident"),
    "committee member": _actor("committee member"),
    "supervision member": _actor("supervision member"),
    "volunteer coordinator": _actor("coordinator"),
    "assistance coordinator": lambda get: get("coordinator"),
    "assistance coordinator without TOTP": _actor(
        "assistance coordinator without TOTP"
    ),
    "assistance coordinator of another community": _actor(
        "assistance coordinator of another community"
    ),
    "street assistance officer": lambda get: get("officer"),
    "street assistance officer of another street": _actor(
        "street assistance officer of another street"
    ),
    "district assistance supervisor": lambda get: get("supervisor"),
    "district assistance supervisor of another district": _actor(
        "district assistance supervisor of another district"
    ),
    "street officer": _actor("street officer"),
    "district officer": _actor("district officer"),
    "platform admin": _actor("platform admin"),
    PROXY: _proxy_filer,
}

STATES = tuple(State.values)

# column -> (permission, the state the case is in)
STEP_COLUMNS = {
    "edit_application (draft)": ("edit_application", State.DRAFT),
    "edit_application (returned)": ("edit_application", State.RETURNED),
    "withdraw_application (accepted)": ("withdraw_application", State.ACCEPTED),
    "request_missing_items (submitted)": ("request_missing_items", State.SUBMITTED),
    "accept_case (submitted)": ("accept_case", State.SUBMITTED),
    "record_visit (accepted)": ("record_visit", State.ACCEPTED),
    "record_check (accepted)": ("record_check", State.ACCEPTED),
    "record_appraisal (investigated)": ("record_appraisal", State.INVESTIGATED),
    "review_case (investigated)": ("review_case", State.INVESTIGATED),
    "start_publicity (reviewed)": ("start_publicity", State.REVIEWED),
    "confirm_case (publicity)": ("confirm_case", State.PUBLICITY),
    "refuse_case (reviewed)": ("refuse_case", State.REVIEWED),
    "extend_deadline (accepted)": ("extend_deadline", State.ACCEPTED),
    "handle_objection (publicity)": ("handle_objection", State.PUBLICITY),
    "appeal (refused)": ("appeal", State.REFUSED),
    "decide_appeal (appealed)": ("decide_appeal", State.APPEALED),
    "grant_exception (accepted)": ("grant_exception", State.ACCEPTED),
    "view_case_reads (confirmed)": ("view_case_reads", State.CONFIRMED),
    "record_review (confirmed)": ("record_review", State.CONFIRMED),
    "decide_review (confirmed)": ("decide_review", State.CONFIRMED),
}

CASE_PERMISSIONS = (
    "view_case",
    "edit_application",
    "withdraw_application",
    "request_missing_items",
    "accept_case",
    "record_visit",
    "record_check",
    "record_appraisal",
    "review_case",
    "start_publicity",
    "confirm_case",
    "refuse_case",
    "extend_deadline",
    "handle_objection",
    "appeal",
    "decide_appeal",
    "grant_exception",
    "view_case_reads",
    "record_review",
    "decide_review",
)

# The people who hold some case permission (the state table asks them).
HOLDERS = (
    "applicant",
    PROXY,
    "assistance coordinator",
    "street assistance officer",
    "district assistance supervisor",
)
