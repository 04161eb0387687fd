"""The rules of the staff desk and the investigation, service by service."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assistance.cases import deadlines
from assistance.cases.models import CaseEvent, MissingItemsRequest
from assistance.cases.workflow import transition
from assistance.handling import services as desk
from assistance.investigation import services
from assistance.investigation.models import (
    Appraisal,
    FinancialCheck,
    HomeVisit,
    ReviewOpinion,
)
from assistance.standards.selectors import settings_for
from notifications.models import Notification

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


def notes_of(user):
    return list(
        Notification.objects.filter(recipient=user).values_list("title", flat=True)
    )


# --- acceptance -------------------------------------------------------------
def test_accepting_sets_the_dates_and_tells_the_applicant(
    make_case, coordinator, applicant
):
    case = make_case()
    desk.accept_case(case=case, actor=coordinator)
    case.refresh_from_db()
    assert case.state == "accepted"
    assert case.accepted_on == TODAY
    assert case.decision_due == deadlines.decision_due(case, TODAY)
    assert case.decision_due > TODAY
    assert any("accepted" in t for t in notes_of(applicant))
    assert CaseEvent.objects.filter(
        case=case, action="accept", actor=coordinator
    ).exists()


@pytest.mark.parametrize("state", ["draft", "returned", "accepted", "investigated"])
def test_only_a_submitted_case_is_accepted(make_case, coordinator, state):
    case = make_case(state)
    with pytest.raises(ValidationError):
        desk.accept_case(case=case, actor=coordinator)
    case.refresh_from_db()
    assert case.state == state
    assert case.accepted_on is None


# --- missing items ----------------------------------------------------------
def test_missing_items_are_asked_for_once_all_together(
    make_case, coordinator, applicant
):
    case = make_case()
    desk.request_missing_items(
        case=case,
        actor=coordinator,
        standard=["ID card"],
        free_lines=["户口簿复印件", "  "],
        note="请一周内补齐",
    )
    case.refresh_from_db()
    assert case.state == "returned"
    request = MissingItemsRequest.objects.get(case=case)
    assert request.items == ["ID card", "户口簿复印件"]
    event = CaseEvent.objects.get(case=case, action="return")
    assert "户口簿复印件" in event.public_note
    body = Notification.objects.get(recipient=applicant).body
    assert "ID card" in body and "户口簿复印件" in body

    transition(case, "resubmit", actor=applicant)
    with pytest.raises(ValidationError, match="once"):
        desk.request_missing_items(case=case, actor=coordinator, free_lines=["more"])
    case.refresh_from_db()
    assert case.state == "submitted"
    assert MissingItemsRequest.objects.count() == 1


def test_a_request_without_items_saves_nothing(make_case, coordinator):
    case = make_case()
    with pytest.raises(ValidationError):
        desk.request_missing_items(case=case, actor=coordinator, free_lines=[" "])
    case.refresh_from_db()
    assert case.state == "submitted"
    assert not MissingItemsRequest.objects.exists()


def test_missing_items_only_while_submitted(make_case, coordinator):
    case = make_case("accepted", accepted_days_ago=1)
    with pytest.raises(ValidationError):
        desk.request_missing_items(case=case, actor=coordinator, free_lines=["x"])
    assert not MissingItemsRequest.objects.exists()


# --- extension --------------------------------------------------------------
def test_the_deadline_is_extended_once_with_a_reason(make_case, officer):
    case = make_case("accepted", accepted_days_ago=2)
    with pytest.raises(ValidationError):
        desk.extend_deadline(case=case, actor=officer, reason="short")
    desk.extend_deadline(case=case, actor=officer, reason="核对结果尚未返回，需延期")
    case.refresh_from_db()
    assert case.decision_due == deadlines.decision_due(
        case, case.accepted_on, extended=True
    )
    assert case.extension_reason.startswith("核对")
    with pytest.raises(ValidationError, match="already"):
        desk.extend_deadline(case=case, actor=officer, reason="再次延期的理由说明")


def test_a_submitted_case_has_no_deadline_to_extend(make_case, officer):
    case = make_case()
    with pytest.raises(ValidationError):
        desk.extend_deadline(
            case=case, actor=officer, reason="核对结果尚未返回，需延期"
        )


# --- staff notification -----------------------------------------------------
def test_submission_notifies_the_coordinators_and_the_street(
    make_case, coordinator, officer, other_officer, committee_member, supervisor
):
    desk.notify_staff_of_submission(make_case())
    assert notes_of(coordinator) and notes_of(officer)
    assert not notes_of(other_officer)
    assert not notes_of(committee_member)
    assert not notes_of(supervisor)


# --- home visit and financial check -----------------------------------------
def visit(case, first, second, **kw):
    return services.record_visit(
        case=case,
        actor=first,
        second=second,
        visited_on=kw.pop("visited_on", TODAY),
        findings=kw.pop("findings", "家中无劳动力，收入仅靠低保"),
        **kw,
    )


def check(case, actor, **kw):
    return services.record_check(
        case=case,
        actor=actor,
        reference=kw.pop("reference", "HD-2026-001"),
        result=kw.pop("result", "within"),
        checked_on=kw.pop("checked_on", TODAY),
        **kw,
    )


def test_investigated_only_with_a_visit_signed_by_both_and_a_check(
    make_case, coordinator, officer, applicant
):
    case = make_case("accepted", accepted_days_ago=3)
    row = visit(case, coordinator, officer)
    assert row.staff_1_signed_at and not row.staff_2_signed_at
    assert any("Sign the home visit" in t for t in notes_of(officer))
    check(case, coordinator)
    case.refresh_from_db()
    assert case.state == "accepted"  # the second signature is missing
    services.sign_visit(visit=row, actor=officer)
    case.refresh_from_db()
    assert case.state == "investigated"
    assert any("investigation" in t for t in notes_of(applicant))


def test_a_signed_visit_without_a_check_does_not_close(make_case, coordinator, officer):
    case = make_case("accepted", accepted_days_ago=3)
    services.sign_visit(visit=visit(case, coordinator, officer), actor=officer)
    case.refresh_from_db()
    assert case.state == "accepted"
    check(case, officer)
    case.refresh_from_db()
    assert case.state == "investigated"


def test_the_same_person_twice_is_refused(make_case, coordinator):
    case = make_case("accepted", accepted_days_ago=3)
    with pytest.raises(ValidationError, match="two different"):
        visit(case, coordinator, coordinator)
    assert not HomeVisit.objects.exists()


def test_the_second_visitor_must_be_staff_of_the_case(
    make_case, coordinator, committee_member, other_officer
):
    case = make_case("accepted", accepted_days_ago=3)
    for person in (committee_member, other_officer):
        with pytest.raises(ValidationError):
            visit(case, coordinator, person)
    assert not HomeVisit.objects.exists()


@pytest.mark.parametrize("day", [TODAY + DAY, TODAY - 10 * DAY])
def test_visit_dates_in_the_future_or_before_acceptance_are_refused(
    make_case, coordinator, officer, day
):
    case = make_case("accepted", accepted_days_ago=3)
    with pytest.raises(ValidationError):
        visit(case, coordinator, officer, visited_on=day)
    with pytest.raises(ValidationError):
        check(case, coordinator, checked_on=day)
    assert not HomeVisit.objects.exists() and not FinancialCheck.objects.exists()


def test_only_the_second_visitor_signs_and_only_once(
    make_case, coordinator, second_coordinator, officer
):
    case = make_case("accepted", accepted_days_ago=3)
    row = visit(case, coordinator, second_coordinator)
    for person in (coordinator, officer):
        with pytest.raises(ValidationError):
            services.sign_visit(visit=row, actor=person)
    services.sign_visit(visit=row, actor=second_coordinator)
    with pytest.raises(ValidationError):
        services.sign_visit(visit=row, actor=second_coordinator)


def test_no_visit_or_check_before_acceptance(make_case, coordinator, officer):
    case = make_case("submitted")
    with pytest.raises(ValidationError):
        visit(case, coordinator, officer)
    with pytest.raises(ValidationError):
        check(case, coordinator)


def test_empty_findings_and_reference_are_refused(make_case, coordinator, officer):
    case = make_case("accepted", accepted_days_ago=3)
    with pytest.raises(ValidationError):
        visit(case, coordinator, officer, findings="  ")
    with pytest.raises(ValidationError):
        check(case, coordinator, reference=" ")
    with pytest.raises(ValidationError):
        check(case, coordinator, result="maybe")


def test_a_district_visit_is_the_supervisors_and_allowed_later(
    make_case, coordinator, officer, supervisor
):
    case = make_case("investigated", accepted_days_ago=5)
    with pytest.raises(ValidationError):
        visit(case, coordinator, officer)
    with pytest.raises(ValidationError):
        visit(case, coordinator, officer, by_district=True)
    row = visit(case, supervisor, officer, by_district=True)
    assert row.by_district


def test_a_reinvestigation_needs_a_new_visit_and_check(make_case, coordinator, officer):
    case = make_case("accepted", accepted_days_ago=3)
    services.sign_visit(visit=visit(case, coordinator, officer), actor=officer)
    check(case, coordinator)
    for action in ("review", "publish", "reinvestigate"):
        transition(case, action, actor=officer)
    assert not services.ready_to_close(case)
    services.sign_visit(visit=visit(case, coordinator, officer), actor=officer)
    assert not services.ready_to_close(case)
    check(case, coordinator)
    case.refresh_from_db()
    assert case.state == "investigated"


# --- 民主评议 -----------------------------------------------------------------
def appraise(case, actor, size, attended, agreed, held_on=TODAY):
    return services.record_appraisal(
        case=case,
        actor=actor,
        held_on=held_on,
        panel_size=size,
        attended=attended,
        agreed=agreed,
    )


def test_an_appraisal_with_too_few_present_is_kept_but_does_not_advance(
    make_case, coordinator
):
    case = make_case("investigated", accepted_days_ago=5)
    row = appraise(case, coordinator, 9, 5, 5)
    assert not row.is_valid
    case.refresh_from_db()
    assert case.state == "investigated"
    assert CaseEvent.objects.filter(case=case, action="appraisal_invalid").exists()


def test_two_thirds_attending_is_valid_and_the_result_is_noted(make_case, coordinator):
    case = make_case("investigated", accepted_days_ago=5)
    row = appraise(case, coordinator, 3, 2, 1)
    assert row.is_valid and not row.passed
    case.refresh_from_db()
    assert case.state == "appraised"
    event = CaseEvent.objects.get(case=case, action="appraise")
    assert "did not pass" in event.note and "1/2/3" in event.note


def test_appraisal_thresholds_come_from_the_district(make_case, coordinator, community):
    policy = settings_for(community.street.parent)
    policy.appraisal_attendance = Decimal("0.800")
    policy.save()
    case = make_case("investigated", accepted_days_ago=5)
    row = appraise(case, coordinator, 10, 7, 7)
    assert row.attendance_needed == Decimal("0.800")
    assert not row.is_valid


@pytest.mark.parametrize(
    ("size", "attended", "agreed", "held_on"),
    [
        (0, 0, 0, TODAY),
        (5, 6, 1, TODAY),
        (5, 4, 5, TODAY),
        (5, 5, 5, TODAY + DAY),
        (5, 5, 5, TODAY - 30 * DAY),
    ],
)
def test_impossible_appraisals_are_refused(
    make_case, coordinator, size, attended, agreed, held_on
):
    case = make_case("investigated", accepted_days_ago=5)
    with pytest.raises(ValidationError):
        appraise(case, coordinator, size, attended, agreed, held_on)
    assert not Appraisal.objects.exists()


def test_no_appraisal_before_the_investigation(make_case, coordinator):
    case = make_case("accepted", accepted_days_ago=5)
    with pytest.raises(ValidationError):
        appraise(case, coordinator, 3, 3, 3)
    assert not Appraisal.objects.exists()


# --- street review ----------------------------------------------------------
@pytest.mark.parametrize("state", ["investigated", "appraised"])
def test_the_street_review_moves_the_case_on(make_case, officer, applicant, state):
    case = make_case(state, accepted_days_ago=5)
    services.record_review(
        case=case,
        actor=officer,
        recommends_approval=False,
        opinion="收入超过标准，不予同意",
    )
    case.refresh_from_db()
    assert case.state == "reviewed"
    assert not ReviewOpinion.objects.get(case=case).recommends_approval
    assert any("reviewed" in t for t in notes_of(applicant))


def test_no_review_without_an_opinion_or_before_investigation(make_case, officer):
    case = make_case("investigated", accepted_days_ago=5)
    with pytest.raises(ValidationError):
        services.record_review(
            case=case, actor=officer, recommends_approval=True, opinion=" "
        )
    accepted = make_case("accepted", accepted_days_ago=5)
    with pytest.raises(ValidationError):
        services.record_review(
            case=accepted,
            actor=officer,
            recommends_approval=True,
            opinion="同意，符合条件的家庭",
        )
    assert not ReviewOpinion.objects.exists()
    accepted.refresh_from_db()
    assert accepted.state == "accepted"
