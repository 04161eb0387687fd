"""Periodic review: the schedule (cycles from the district's settings), the
coordinator's record (changed income and members, old values kept, amount
recalculated), the street officer's decision (decrease, stop) with the history,
the notification, the audit and the stop step."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assistance.cases.models import CLOSED_STATES, HouseholdMember, State
from assistance.cases.workflow import TRANSITIONS
from assistance.monitoring import services
from assistance.monitoring.models import (
    AmountChange,
    EarlyWarning,
    Outcome,
    Review,
    ReviewSchedule,
)
from assistance.monitoring.schedule import add_months, ensure_schedules
from audit.models import AuditEvent
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _record(case, coordinator, *, wages="1000", **changes):
    item = case.incomes.get()
    return services.record_review(
        case=case,
        actor=coordinator,
        visited_on=timezone.localdate(),
        findings="入户复核：配偶找到工作。",
        changes=services.Changes(incomes={item.pk: Decimal(wages)}, **changes),
    )


def test_the_review_cycle_follows_the_district_settings(recipient, make_case):
    schedule = ReviewSchedule.objects.get(case=recipient)
    confirmed = timezone.localdate(recipient.closed_at)
    assert (schedule.cycle_months, schedule.due_on) == (
        12,
        add_months(confirmed, 12),
    )
    HouseholdMember.objects.filter(case=recipient, relationship="spouse").update(
        able_to_work=True
    )
    tekun = make_case("confirmed", kind="tekun")
    ReviewSchedule.objects.all().delete()
    assert ensure_schedules() == 2
    assert ReviewSchedule.objects.get(case=recipient).cycle_months == 6
    assert ReviewSchedule.objects.get(case=tekun).cycle_months == 12
    assert ensure_schedules() == 0
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)


def test_a_confirmation_schedules_the_first_review(make_case, standard):
    case = make_case("confirmed")
    assert ReviewSchedule.objects.filter(case=case).exists()
    assert not ReviewSchedule.objects.filter(
        case=make_case("confirmed", kind="temporary")
    ).exists()


def test_a_review_records_the_changes_and_recalculates(recipient, coordinator):
    spouse = recipient.members.get(relationship="spouse")
    review = _record(
        recipient,
        coordinator,
        able={spouse.pk},
        new_member={"name": "张小明", "relationship": "child", "birth_year": 2015,
                    "able_to_work": False},
    )  # fmt: skip
    assert review.outcome == Outcome.PENDING
    assert (review.income_before, review.income_after) == (400, 1000)
    assert (review.members_before, review.members_after) == (2, 3)
    assert review.proposed_amount == Decimal("2000.00")  # 1000 × 3 − 1000
    assert review.changes["incomes"][0]["old"] == "400.00"
    assert review.changes["member_added"]["name"] == "张小明"
    schedule = ReviewSchedule.objects.get(case=recipient)
    assert schedule.cycle_months == 6  # the spouse can work now
    assert recipient.events.filter(action="periodic_review").exists()
    with pytest.raises(ValidationError):
        _record(recipient, coordinator)  # one pending review at a time


def test_members_who_left_are_kept_in_the_history(recipient, coordinator):
    spouse = recipient.members.get(relationship="spouse")
    review = _record(recipient, coordinator, wages="400", leaving={spouse.pk})
    assert review.members_after == 1
    assert review.proposed_amount == Decimal("600.00")
    assert review.changes["members_left"] == [
        {"name": "李红", "relationship": "spouse"}
    ]
    applicant = recipient.members.get(relationship="self")
    with pytest.raises(ValidationError):
        services.record_review(
            case=recipient,
            actor=coordinator,
            visited_on=timezone.localdate(),
            findings="申请人搬离，核实中。",
            changes=services.Changes(leaving={applicant.pk}),
        )


def test_only_the_coordinator_records_and_only_the_officer_decides(
    recipient, coordinator, officer
):
    with pytest.raises(PermissionDenied):
        _record(recipient, officer)
    review = _record(recipient, coordinator)
    with pytest.raises(PermissionDenied):
        services.decide_review(
            review=review,
            actor=coordinator,
            decision="apply",
            reasons="收入增加，核减。",
        )


def test_a_decrease_is_kept_in_the_history_notified_and_audited(
    recipient, coordinator, officer, applicant
):
    review = _record(recipient, coordinator, wages="1200")
    month = services.first_of_next_month()
    services.decide_review(
        review=review,
        actor=officer,
        decision="apply",
        reasons="配偶就业，家庭月收入增加到 1200 元。",
        from_month=month,
    )
    review.refresh_from_db()
    recipient.refresh_from_db()
    assert review.outcome == Outcome.DECREASE
    assert recipient.monthly_amount == Decimal("800.00")
    change = AmountChange.objects.get(case=recipient)
    assert (change.old_amount, change.new_amount, change.from_month) == (
        1600,
        800,
        month,
    )
    assert change.decided_by == officer
    note = Notification.objects.get(
        recipient=applicant, kind="assistance.review_outcome"
    )
    assert "800.00" in note.body and "1200" in note.body
    assert AuditEvent.objects.filter(action="assistance.amount_changed").exists()


def test_a_stop_closes_the_case_and_warns(recipient, coordinator, officer, applicant):
    assert TRANSITIONS["stop"] == ((State.CONFIRMED,), State.STOPPED)
    assert State.STOPPED in CLOSED_STATES
    review = _record(recipient, coordinator, wages="5000")
    assert review.proposed_amount == 0
    with pytest.raises(ValidationError):
        services.decide_review(
            review=review,
            actor=officer,
            decision="apply",
            reasons="收入超过标准，停发。",
        )
    services.decide_review(
        review=review, actor=officer, decision="stop", reasons="家庭收入超过低保标准。"
    )
    recipient.refresh_from_db()
    assert recipient.state == State.STOPPED and recipient.closed_at
    assert recipient.monthly_amount == 0
    assert not ReviewSchedule.objects.filter(case=recipient).exists()
    assert EarlyWarning.objects.filter(case=recipient, reason="stopped").count() == 1
    assert recipient.events.filter(action="stop", to_state="stopped").exists()
    assert Notification.objects.filter(
        recipient=applicant, title__contains="stopped"
    ).exists()


def test_a_bad_decision_saves_nothing(recipient, coordinator, officer):
    review = _record(recipient, coordinator, wages="1200")
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    for kwargs in (
        {"decision": "apply", "reasons": "短", "from_month": None},
        {"decision": "maybe", "reasons": "配偶就业，收入增加。", "from_month": None},
        {
            "decision": "apply",
            "reasons": "配偶就业，收入增加。",
            "from_month": last_month,
        },
    ):
        with pytest.raises(ValidationError):
            services.decide_review(review=review, actor=officer, **kwargs)
    review.refresh_from_db()
    assert review.outcome == Outcome.PENDING
    assert not AmountChange.objects.exists()
    assert Review.objects.count() == 1
