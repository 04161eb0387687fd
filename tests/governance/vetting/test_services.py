"""The joint qualification review's rules: opening, results, passing, closing,
validity and exceptions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from governance.vetting import selectors, services
from governance.vetting.models import (
    ReviewCandidate,
    ReviewException,
    ReviewGround,
    ReviewResult,
    ReviewRound,
    VettingSettings,
)
from tests.factories import RegionFactory, UserFactory
from tests.governance.vetting.conftest import pass_all

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def messages(error) -> str:
    return " ".join(error.value.messages)


def test_a_district_starts_with_the_default_departments_and_grounds(district):
    services.ensure_defaults(district=district)
    services.ensure_defaults(district=district)  # idempotent
    names = [d.name for d in selectors.departments(district)]
    assert names == services.DEFAULT_DEPARTMENTS
    assert [g.name for g in selectors.grounds(district)] == services.DEFAULT_GROUNDS
    assert selectors.settings_for(district).validity_days == 365
    assert selectors.settings_for(district).one_shoulder_target == 100


def test_the_street_officer_opens_a_round_and_it_is_audited(review, street_officer):
    assert review.is_open
    assert review.candidates.count() == 2
    assert review.departments.count() == 3
    event = AuditEvent.objects.get(action="governance.vetting.round.open")
    assert event.actor == street_officer


def test_a_committee_member_may_not_open_a_round(committee_member, community, lists):
    departments, grounds = lists
    with pytest.raises(PermissionDenied):
        services.open_round(
            actor=committee_member,
            community=community,
            purpose="appointment",
            departments=departments,
            grounds=grounds,
            people=[UserFactory()],
        )
    assert not ReviewRound.objects.exists()


@pytest.mark.parametrize("problem", ["twice", "nobody", "no department", "foreign"])
def test_a_bad_round_is_refused_and_nothing_saved(
    problem, street_officer, community, lists
):
    departments, grounds = lists
    person = UserFactory()
    people = {"twice": [person, person], "nobody": []}.get(problem, [person])
    if problem == "no department":
        departments = []
    if problem == "foreign":
        other = RegionFactory(slug="other-district")
        services.ensure_defaults(district=other)
        grounds = list(selectors.grounds(other))
    with pytest.raises(ValidationError):
        services.open_round(
            actor=street_officer,
            community=community,
            purpose="by_election",
            departments=departments,
            grounds=grounds,
            people=people,
        )
    assert not ReviewRound.objects.exists()
    assert not ReviewCandidate.objects.exists()


def test_a_candidate_passes_only_when_every_department_passed_them(
    review, street_officer, candidate_people
):
    first = review.candidates.get(person=candidate_people[0])
    departments = list(review.departments.all())
    for department in departments[:-1]:
        services.record_result(
            actor=street_officer,
            review=review,
            candidate=first,
            department=department,
            passed=True,
        )
    _depts, rows = selectors.grid(review)
    assert rows[0].status == selectors.PENDING
    services.record_result(
        actor=street_officer,
        review=review,
        candidate=first,
        department=departments[-1],
        passed=True,
    )
    _depts, rows = selectors.grid(review)
    assert rows[0].status == selectors.PASSED
    assert rows[1].status == selectors.PENDING


def test_one_fail_fails_the_candidate_with_department_and_ground(
    review, street_officer, candidate_people, lists
):
    pass_all(street_officer, review)
    second = review.candidates.get(person=candidate_people[1])
    department = review.departments.first()
    ground = review.grounds.first()
    services.record_result(
        actor=street_officer,
        review=review,
        candidate=second,
        department=department,
        passed=False,
        ground=ground,
        note="查询记录",
    )
    _depts, rows = selectors.grid(review)
    assert [row.status for row in rows] == [selectors.PASSED, selectors.FAILED]
    (failure,) = rows[1].failures
    assert (failure.department, failure.ground, failure.note) == (
        department,
        ground,
        "查询记录",
    )
    assert failure.recorded_by == street_officer
    assert ReviewResult.objects.count() == 6  # corrected in place, not added


@pytest.mark.parametrize("problem", ["no ground", "ground on a pass", "other ground"])
def test_a_bad_result_is_refused_and_nothing_saved(
    problem, review, street_officer, district
):
    candidate = review.candidates.first()
    department = review.departments.first()
    ground = {
        "no ground": None,
        "ground on a pass": review.grounds.first(),
        "other ground": ReviewGround.objects.create(district=district, name="新理由"),
    }[problem]
    with pytest.raises(ValidationError) as error:
        services.record_result(
            actor=street_officer,
            review=review,
            candidate=candidate,
            department=department,
            passed=problem == "ground on a pass",
            ground=ground,
        )
    assert error.value.error_dict.keys() == {"ground"}
    assert not ReviewResult.objects.exists()


def test_a_department_not_in_the_round_is_refused(review, street_officer, lists):
    departments, _grounds = lists
    with pytest.raises(ValidationError) as error:
        services.record_result(
            actor=street_officer,
            review=review,
            candidate=review.candidates.first(),
            department=departments[-1],
            passed=True,
        )
    assert "does not review in this round" in messages(error)
    assert not ReviewResult.objects.exists()


def test_a_candidate_of_another_round_is_refused(
    review, street_officer, community, lists
):
    departments, grounds = lists
    other = services.open_round(
        actor=street_officer,
        community=community,
        purpose="appointment",
        departments=departments[:1],
        grounds=grounds,
        people=[UserFactory()],
    )
    with pytest.raises(ValidationError):
        services.record_result(
            actor=street_officer,
            review=review,
            candidate=other.candidates.get(),
            department=review.departments.first(),
            passed=True,
        )
    assert not ReviewResult.objects.exists()


def test_the_same_candidate_twice_is_refused(review, street_officer, candidate_people):
    with pytest.raises(ValidationError) as error:
        services.add_candidate(
            actor=street_officer, review=review, person=candidate_people[0]
        )
    assert "already a candidate" in messages(error)
    assert review.candidates.count() == 2


def test_a_round_closes_only_with_every_result(review, street_officer):
    with pytest.raises(ValidationError) as error:
        services.close_round(actor=street_officer, review=review)
    assert "6 results are still missing" in messages(error)
    pass_all(street_officer, review)
    services.close_round(actor=street_officer, review=review)
    review.refresh_from_db()
    assert review.closed_on == TODAY and review.closed_by == street_officer


def test_a_closed_round_takes_no_more_results(review, street_officer):
    pass_all(street_officer, review)
    services.close_round(actor=street_officer, review=review)
    review.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.record_result(
            actor=street_officer,
            review=review,
            candidate=review.candidates.first(),
            department=review.departments.first(),
            passed=True,
        )
    with pytest.raises(PermissionDenied):
        services.add_candidate(
            actor=street_officer, review=review, person=UserFactory()
        )


def test_a_pass_counts_only_once_the_round_closed_and_while_current(
    review, street_officer, community, candidate_people, district
):
    person = candidate_people[0]
    pass_all(street_officer, review)
    assert not selectors.has_passed_review(community=community, person=person)
    services.close_round(actor=street_officer, review=review)
    assert selectors.has_passed_review(community=community, person=person)
    later = TODAY + 366 * DAY
    assert not selectors.has_passed_review(community=community, person=person, on=later)
    VettingSettings.objects.create(district=district, validity_days=400)
    assert selectors.has_passed_review(community=community, person=person, on=later)


def test_a_failed_candidate_has_not_passed(review, street_officer, candidate_people):
    failing = candidate_people[1]
    pass_all(street_officer, review, except_for=[failing])
    candidate = review.candidates.get(person=failing)
    for department in review.departments.all():
        services.record_result(
            actor=street_officer,
            review=review,
            candidate=candidate,
            department=department,
            passed=department != review.departments.first(),
            ground=None
            if department != review.departments.first()
            else review.grounds.first(),
        )
    services.close_round(actor=street_officer, review=review)
    assert not selectors.has_passed_review(community=review.community, person=failing)


def test_the_district_records_an_exception_with_a_reason(
    district_officer, street_officer, community
):
    person = UserFactory()
    with pytest.raises(PermissionDenied):
        services.grant_exception(
            actor=street_officer, community=community, person=person, reason="x"
        )
    with pytest.raises(ValidationError):
        services.grant_exception(
            actor=district_officer, community=community, person=person, reason=" "
        )
    assert not ReviewException.objects.exists()
    services.grant_exception(
        actor=district_officer, community=community, person=person, reason="组织选派"
    )
    assert selectors.may_hold_two_committee_term(community=community, person=person)
    assert AuditEvent.objects.filter(
        action="governance.vetting.exception", actor=district_officer
    ).exists()


def test_the_district_officer_edits_the_lists_and_settings(district_officer, district):
    services.ensure_defaults(district=district)
    item = services.add_list_item(
        actor=district_officer, district=district, kind="department", name="审计部门"
    )
    with pytest.raises(ValidationError):
        services.add_list_item(
            actor=district_officer,
            district=district,
            kind="department",
            name="审计部门",
        )
    services.set_list_item_in_use(actor=district_officer, item=item, in_use=False)
    assert item not in selectors.departments(district, active_only=True)
    services.save_settings(
        actor=district_officer,
        district=district,
        validity_days=180,
        one_shoulder_target=90,
    )
    assert selectors.settings_for(district).validity_days == 180
