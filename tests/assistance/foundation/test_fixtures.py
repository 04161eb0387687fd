"""The shared fixtures of tests/assistance build what their names promise."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistance.cases.models import CaseEvent, State
from assistance.standards.selectors import standard_in_force
from communities.roles.rules import (
    is_aid_coordinator,
    is_aid_officer_for,
    is_aid_supervisor_for,
)
from tests.support.assistance import PATH_TO


def test_the_people_hold_what_they_should(
    community,
    household,
    applicant,
    household_member,
    resident,
    coordinator,
    officer,
    supervisor,
):
    assert applicant.memberships.get().household == household
    assert household_member.memberships.get().household == household
    assert resident.memberships.get().household != household
    assert is_aid_coordinator(coordinator, community)
    assert is_aid_officer_for(officer, community)
    assert is_aid_supervisor_for(supervisor, community)


def test_the_standard_is_in_force_in_2026(district, standard):
    import datetime

    found = standard_in_force(district, "urban", datetime.date(2026, 6, 1))
    assert found == standard and found.monthly_amount == Decimal("1000.00")


@pytest.mark.parametrize("state", list(PATH_TO))
def test_make_case_walks_to_every_state(make_case, state):
    case = make_case(
        state,
        members=[("张三明", "self"), ("李四", "spouse")],
        incomes=[("wages", "1200.50")],
    )
    assert case.state == state
    assert case.members.count() == 2
    assert case.incomes.get().monthly_amount == Decimal("1200.50")
    assert CaseEvent.objects.filter(case=case).count() == len(PATH_TO[state])
    if "accept" in PATH_TO[state]:
        assert case.accepted_on and case.decision_due > case.accepted_on
    assert set(PATH_TO) == set(State.values)
