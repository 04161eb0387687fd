"""Who may do what with an assistance case: one predicate per capacity, one
permission per step, checked against the case's state. The role × state table is
in docs/permissions.md and tested cell by cell (tests/assistance/rules/test_case_permission_table.py).

A case file is readable only by the household (the applicant and the verified
members of their household), the coordinators of its community, the assistance
officers of its street and the district's supervisors. Committee members, other
streets' officers and platform admins are not among them: an admin reads a file
only through `assistance.cases.access.open_with_reason`, which records why.
"""

from __future__ import annotations

from typing import Any

import rules

from assistance.cases.models import Case, State
from assistance.decisions.models import Appeal
from communities.models import Membership, Role
from communities.roles.rules import (
    is_aid_coordinator,
    is_aid_officer_for,
    is_aid_supervisor_for,
)
from communities.roles.selectors import holds_role


def _case(obj: Any) -> Case | None:
    return obj if isinstance(obj, Case) else None


@rules.predicate
def is_applicant(user: Any, case: Any) -> bool:
    case = _case(case)
    return bool(
        case is not None
        and getattr(user, "is_authenticated", False)
        and case.applicant_id == user.pk
    )


@rules.predicate
def is_household_member(user: Any, case: Any) -> bool:
    """The applicant, or a verified member of the applying household."""
    case = _case(case)
    if case is None or not getattr(user, "is_authenticated", False):
        return False
    if case.applicant_id == user.pk:
        return True
    return bool(
        case.household_id
        and Membership.objects.filter(
            user=user,
            household_id=case.household_id,
            status=Membership.Status.VERIFIED,
        ).exists()
    )


@rules.predicate
def is_case_coordinator(user: Any, case: Any) -> bool:
    return is_aid_coordinator(user, getattr(case, "community", None))


@rules.predicate
def is_case_officer(user: Any, case: Any) -> bool:
    return is_aid_officer_for(user, getattr(case, "community", None))


@rules.predicate
def is_case_supervisor(user: Any, case: Any) -> bool:
    return is_aid_supervisor_for(user, getattr(case, "community", None))


@rules.predicate
def is_filer(user: Any, case: Any) -> bool:
    """The coordinator or officer who filed the application on the resident's
    behalf (代办, at any service point), while they still hold that role."""
    case = _case(case)
    return bool(
        case is not None
        and case.filed_by_proxy
        and getattr(user, "is_authenticated", False)
        and case.filed_by_id == user.pk
        and any(
            holds_role(user, role) for role in (Role.AID_COORDINATOR, Role.AID_OFFICER)
        )
    )


@rules.predicate
def has_appealed(user: Any, case: Any) -> bool:
    """The case already had its one appeal (decided or not)."""
    case = _case(case)
    return case is not None and Appeal.objects.filter(case=case).exists()


def in_state(*states: str):
    names = "_".join(states)

    @rules.predicate(name=f"in_state_{names}")
    def predicate(user: Any, case: Any) -> bool:
        case = _case(case)
        return case is not None and case.state in states

    return predicate


is_case_staff = is_case_coordinator | is_case_officer | is_case_supervisor
not_draft = ~in_state(State.DRAFT)
editable = in_state(State.DRAFT, State.RETURNED)

# The filer (代办 at another service point) completes the application with the
# resident; once it is submitted it belongs to the household's own community,
# street and district (issue 12 §1), so the filer reads it only while editable.
rules.add_perm(
    "assistance.view_case",
    is_household_member | (is_case_staff & not_draft) | (is_filer & editable),
)
rules.add_perm(
    "assistance.edit_application",
    editable & (is_applicant | is_filer),
)
rules.add_perm(
    "assistance.withdraw_application",
    (
        in_state(
            State.DRAFT,
            State.SUBMITTED,
            State.RETURNED,
            State.ACCEPTED,
            State.INVESTIGATED,
            State.APPRAISED,
            State.REVIEWED,
            State.PUBLICITY,
        )
        & is_applicant
    )
    | (editable & is_filer),
)
rules.add_perm(
    "assistance.request_missing_items",
    in_state(State.SUBMITTED) & (is_case_coordinator | is_case_officer),
)
rules.add_perm(
    "assistance.accept_case",
    in_state(State.SUBMITTED) & (is_case_coordinator | is_case_officer),
)
rules.add_perm(
    "assistance.record_visit",
    in_state(State.ACCEPTED, State.INVESTIGATED, State.PUBLICITY)
    & (is_case_coordinator | is_case_officer | is_case_supervisor),
)
rules.add_perm(
    "assistance.record_check",
    in_state(State.ACCEPTED) & (is_case_coordinator | is_case_officer),
)
rules.add_perm(
    "assistance.record_appraisal",
    in_state(State.INVESTIGATED) & (is_case_coordinator | is_case_officer),
)
rules.add_perm(
    "assistance.review_case",
    in_state(State.INVESTIGATED, State.APPRAISED) & is_case_officer,
)
rules.add_perm("assistance.start_publicity", in_state(State.REVIEWED) & is_case_officer)
rules.add_perm("assistance.confirm_case", in_state(State.PUBLICITY) & is_case_officer)
rules.add_perm(
    "assistance.refuse_case",
    in_state(State.REVIEWED, State.PUBLICITY) & is_case_officer,
)
rules.add_perm(
    "assistance.extend_deadline",
    in_state(
        State.ACCEPTED,
        State.INVESTIGATED,
        State.APPRAISED,
        State.REVIEWED,
        State.PUBLICITY,
    )
    & is_case_officer,
)
rules.add_perm(
    "assistance.handle_objection",
    in_state(State.PUBLICITY) & (is_case_officer | is_case_supervisor),
)
rules.add_perm(
    "assistance.appeal", in_state(State.REFUSED) & is_applicant & ~has_appealed
)
rules.add_perm(
    "assistance.decide_appeal", in_state(State.APPEALED) & is_case_supervisor
)
rules.add_perm(
    "assistance.grant_exception",
    ~in_state(
        State.DRAFT, State.CONFIRMED, State.REFUSED, State.WITHDRAWN, State.STOPPED
    )
    & is_case_supervisor,
)
rules.add_perm("assistance.view_case_reads", is_household_member | is_case_supervisor)
# Periodic review (动态管理) of a recipient: the community's coordinator records
# it (visit, changed income or members); the street officer decides the amount
# change or the stop (停发).
rules.add_perm(
    "assistance.record_review", in_state(State.CONFIRMED) & is_case_coordinator
)
rules.add_perm("assistance.decide_review", in_state(State.CONFIRMED) & is_case_officer)
