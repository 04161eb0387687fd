"""Granting 先行救助: the limits of each capacity, the formal case opened in the
same transaction, the paperwork deadline, the emergency period's rules, and
declaring or ending a period."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from assistance.cases.models import Case, CaseEvent, Kind, Relationship, State
from assistance.emergency import selectors, services
from assistance.emergency.models import AdvanceAid, EmergencyPeriod
from assistance.standards.selectors import settings_for
from assistance.standards.workdays import Calendar
from audit.models import AuditEvent
from tests.factories import HouseholdFactory, RegionFactory, StreetFactory

pytestmark = pytest.mark.django_db


def _rows():
    return (
        AdvanceAid.objects.count(),
        Case.objects.count(),
        CaseEvent.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_coordinator_grants_and_the_formal_case_opens_as_a_proxy_draft(
    grant, coordinator, community, household, applicant, household_member, district
):
    aid = grant()
    case = aid.case
    assert case.kind == Kind.TEMPORARY and case.temporary_cause == "emergency"
    assert case.state == State.DRAFT and case.household == household
    assert case.filed_by == coordinator and case.filed_by_proxy
    assert case.service_point == community.name
    assert case.reason == "家中失火，衣物被褥烧毁。"
    members = list(case.members.values_list("name", "relationship"))
    assert (applicant.real_name, Relationship.SELF) in members
    assert len(members) == 2
    assert aid.capacity == "coordinator" and aid.limit == Decimal("2000.00")
    assert aid.paperwork_due == Calendar(district.pk).add(timezone.localdate(), 5)
    assert not aid.under_emergency_rules and aid.paperwork_status == "due"
    assert case.events.filter(action="advance_aid").exists()
    assert AuditEvent.objects.filter(
        action="assistance.advance_aid_granted", target_id=str(aid.pk)
    ).exists()
    # The amount and what happened are encrypted at rest.
    with connection.cursor() as cursor:
        cursor.execute("SELECT amount, note FROM assistance_advanceaid")
        raw = cursor.fetchone()
    assert "1500" not in str(raw[0]) and "失火" not in str(raw[1])


def test_over_the_coordinators_limit_is_refused_and_nothing_is_saved(grant):
    before = _rows()
    with pytest.raises(ValidationError) as refused:
        grant(amount=Decimal("2000.01"))
    assert "above your limit of 2000.00 yuan" in str(refused.value)
    assert _rows() == before


def test_a_street_officer_grants_up_to_the_temporary_limit(grant, officer):
    aid = grant(actor=officer, amount=Decimal("6000.00"))  # 3 months × 1000 × 2
    assert aid.capacity == "officer" and aid.limit == Decimal("6000.00")
    with pytest.raises(ValidationError):
        grant(actor=officer, amount=Decimal("6000.01"))


def test_without_a_standard_nothing_is_granted(community, coordinator):
    with pytest.raises(ValidationError) as refused:
        services.grant_advance_aid(
            actor=coordinator, community=community, beneficiary_name="王五",
            household_size=1, cause="fire", amount=Decimal("10"),
        )  # fmt: skip
    assert "no 低保 standard" in str(refused.value)
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"reported_at": timezone.now() + datetime.timedelta(hours=1)}, "reported_at"),
        ({"granted_at": timezone.now() + datetime.timedelta(days=1)}, "granted_at"),
        ({"reported_at": timezone.now() - datetime.timedelta(days=61)}, "reported_at"),
        ({"beneficiary_name": "  "}, "beneficiary_name"),
        ({"amount": Decimal("0")}, "amount"),
    ],
)
def test_bad_times_names_and_amounts_are_refused(grant, options, field):
    with pytest.raises(ValidationError) as refused:
        grant(**options)
    assert field in refused.value.message_dict
    assert not AdvanceAid.objects.exists() and not Case.objects.exists()


def test_a_household_of_another_community_is_refused(grant):
    with pytest.raises(ValidationError):
        grant(household=HouseholdFactory())
    assert not Case.objects.exists()


def test_response_time_runs_from_the_first_report(grant):
    now = timezone.now()
    aid = grant(reported_at=now - datetime.timedelta(hours=30), granted_at=now)
    assert round(aid.response_hours) == 30


def test_a_declared_emergency_switches_the_limits_and_marks_the_aid(
    grant, supervisor, district, street
):
    today = timezone.localdate()
    period = services.declare_period(
        actor=supervisor, district=district, name="暴雨", starts_on=today,
        ends_on=today + datetime.timedelta(days=3), streets=[street],
    )  # fmt: skip
    aid = grant(amount=Decimal("6000.00"))  # 3 months × 1000 × 2, by a coordinator
    assert aid.under_emergency_rules and aid.emergency_period == period
    days = settings_for(district).emergency_period_paperwork_working_days
    assert aid.paperwork_due == Calendar(district.pk).add(today, days)
    assert "暴雨" in aid.case.events.get(action="advance_aid").note
    services.end_period(actor=supervisor, period=period, note="雨停")
    later = grant(amount=Decimal("1000.00"))
    assert not later.under_emergency_rules
    assert AuditEvent.objects.filter(action="assistance.emergency_ended").exists()


def test_a_period_for_other_streets_does_not_cover_the_community(
    community, supervisor, district
):
    today = timezone.localdate()
    services.declare_period(
        actor=supervisor, district=district, name="疫情", starts_on=today,
        ends_on=today, streets=[StreetFactory(parent=district)],
    )  # fmt: skip
    assert selectors.period_in_force(community) is None


def test_declaring_checks_dates_and_streets_and_saves_nothing_when_wrong(
    supervisor, district
):
    today = timezone.localdate()
    for options in (
        {"ends_on": today - datetime.timedelta(days=1)},
        {"ends_on": today + datetime.timedelta(days=400)},
        {"streets": [StreetFactory(parent=RegionFactory(slug="other"))]},
        {"name": " "},
    ):
        with pytest.raises(ValidationError):
            services.declare_period(
                actor=supervisor, district=district,
                **{"name": "x", "starts_on": today, "ends_on": today, **options},
            )  # fmt: skip
    assert not EmergencyPeriod.objects.exists()
