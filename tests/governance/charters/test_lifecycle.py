"""The charter lifecycle is a state machine: the transition table, cell by cell."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from governance.charters.models import CharterTransition, CharterVersion
from governance.charters.pages import CharterPage
from governance.charters.services import drafting, lifecycle, steps, votes
from tests.governance.charters.conftest import ORDER, PASSING_VOTE, S

pytestmark = pytest.mark.django_db

# action -> the state it leaves, the state it reaches
TABLE = {
    "close_opinions": (S.COLLECTING, S.DRAFT),
    "submit": (S.DRAFT, S.SUBMITTED),
    "return": (S.SUBMITTED, S.DRAFT),
    "pass_review": (S.SUBMITTED, S.REVIEW_PASSED),
    "adopt": (S.REVIEW_PASSED, S.VOTED),
    "confirm_filing": (S.VOTED, S.FILED),
    "publish": (S.FILED, S.PUBLISHED),
}


def _do(action, version, committee, officer):
    if action == "close_opinions":
        return lifecycle.close_opinions(actor=committee, version=version)
    if action == "submit":
        return lifecycle.submit_for_review(actor=committee, version=version)
    if action == "return":
        return lifecycle.return_for_revision(
            actor=officer, version=version, reason="第二条请写明依据。"
        )
    if action == "pass_review":
        return lifecycle.pass_review(actor=officer, version=version)
    if action == "adopt":
        votes.record_adoption_vote(version, actor=committee, **PASSING_VOTE)
        return CharterVersion.objects.get(pk=version.pk)
    if action == "confirm_filing":
        return lifecycle.confirm_filing(actor=officer, version=version)
    if action == "publish":
        return lifecycle.publish(
            actor=committee, version=version, in_force_on=timezone.localdate()
        )
    raise AssertionError(action)


def test_the_table_is_the_services_table():
    assert {a: (t.source, t.target) for a, t in steps.TRANSITIONS.items()} == TABLE


@pytest.mark.parametrize("state", ORDER)
@pytest.mark.parametrize("action", list(TABLE))
def test_each_action_works_only_from_its_state(
    state, action, start, advance, committee_member, street_officer
):
    version = advance(start(), state)
    source, target = TABLE[action]
    before = CharterTransition.objects.filter(version=version).count()
    if state == source:
        moved = _do(action, version, committee_member, street_officer)
        assert moved.state == target
        assert CharterTransition.objects.filter(version=version).count() == before + 1
    else:
        with pytest.raises(ValidationError) as error:
            _do(action, version, committee_member, street_officer)
        assert error.value.code == "wrong_state"
        # The error names the step the version is at.
        assert str(S(state).label) in " ".join(error.value.messages)
        version.refresh_from_db()
        assert version.state == state
        assert CharterTransition.objects.filter(version=version).count() == before


def test_a_full_run_records_who_and_when_for_every_step_and_audits_it(
    start, advance, committee_member, street_officer
):
    version = advance(start(), S.PUBLISHED)
    steps = list(version.transitions.order_by("at", "pk"))
    assert [s.to_state for s in steps] == ORDER
    by_actor = {s.to_state: s.actor for s in steps}
    assert by_actor[S.SUBMITTED] == committee_member
    assert by_actor[S.REVIEW_PASSED] == street_officer
    assert by_actor[S.VOTED] == committee_member
    assert by_actor[S.FILED] == street_officer
    assert all(s.at is not None for s in steps)
    actions = set(
        AuditEvent.objects.filter(action__startswith="governance.charter.").values_list(
            "action", flat=True
        )
    )
    assert {
        "governance.charter.start",
        "governance.charter.close_opinions",
        "governance.charter.submit",
        "governance.charter.pass_review",
        "governance.charter.adopt",
        "governance.charter.confirm_filing",
        "governance.charter.publish",
    } <= actions
    assert version.filed_by == street_officer
    page = CharterPage.objects.get(pk=version.charter_id)
    assert page.live


def test_a_returned_draft_carries_the_reason_until_resubmitted(
    start, advance, committee_member, street_officer
):
    version = advance(start(), S.SUBMITTED)
    version = lifecycle.return_for_revision(
        actor=street_officer, version=version, reason="第三条与法律不符。"
    )
    assert version.state == S.DRAFT
    assert version.return_reason == "第三条与法律不符。"
    assert version.transitions.get(action="return").reason == "第三条与法律不符。"
    version = lifecycle.submit_for_review(actor=committee_member, version=version)
    assert version.return_reason == ""


def test_returning_needs_a_reason(start, advance, street_officer):
    version = advance(start(), S.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        lifecycle.return_for_revision(
            actor=street_officer, version=version, reason="  "
        )
    assert "reason" in error.value.error_dict
    version.refresh_from_db()
    assert version.state == S.SUBMITTED


def test_filing_is_due_within_the_communitys_days_then_overdue(
    community, start, advance, street_officer
):
    policy = community.policy
    policy.charter_filing_days = 7
    policy.save()
    version = advance(start(), S.VOTED)
    assert version.voted_on == timezone.localdate()
    assert version.filing_due_on == timezone.localdate() + datetime.timedelta(days=7)
    assert not version.filing_overdue
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert version.filing_overdue
        filed = lifecycle.confirm_filing(actor=street_officer, version=version)
    assert filed.state == S.FILED
    event = AuditEvent.objects.get(action="governance.charter.confirm_filing")
    assert event.data["late"] is True


def test_publication_needs_an_in_force_date_not_before_the_vote(
    start, advance, committee_member
):
    version = advance(start(), S.FILED)
    with pytest.raises(ValidationError) as error:
        lifecycle.publish(
            actor=committee_member,
            version=version,
            in_force_on=version.voted_on - datetime.timedelta(days=1),
        )
    assert "in_force_on" in error.value.error_dict
    version.refresh_from_db()
    assert version.state == S.FILED
    assert not CharterPage.objects.get(pk=version.charter_id).live


def test_a_revision_starts_only_from_the_published_version_and_keeps_clause_keys(
    start, advance, committee_member
):
    first = advance(start(), S.PUBLISHED)
    second = drafting.start_revision(
        actor=committee_member, charter=first.charter, summary="增加垃圾分类条款"
    )
    assert second.number == 2
    assert second.state == S.COLLECTING
    assert [c.key for c in second.clauses.all()] == [c.key for c in first.clauses.all()]
    with pytest.raises(ValidationError):
        drafting.start_revision(actor=committee_member, charter=first.charter)


def test_a_second_version_comes_into_force_after_the_first(
    start, advance, committee_member
):
    first = advance(start(), S.PUBLISHED)
    second = drafting.start_revision(actor=committee_member, charter=first.charter)
    second = advance(second, S.FILED)
    with pytest.raises(ValidationError) as error:
        lifecycle.publish(
            actor=committee_member, version=second, in_force_on=first.in_force_on
        )
    assert "in_force_on" in error.value.error_dict
    later = timezone.localdate() + datetime.timedelta(days=30)
    second = lifecycle.publish(
        actor=committee_member, version=second, in_force_on=later
    )
    page = CharterPage.objects.get(pk=first.charter_id)
    assert page.current_version() == first  # until the new one comes into force
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        assert page.current_version() == second


def test_clauses_change_only_while_collecting_or_draft(
    start, advance, committee_member
):
    version = advance(start(), S.DRAFT)
    clause = drafting.add_clause(
        actor=committee_member, version=version, text="新条款", after=1
    )
    assert clause.number == 2
    assert [c.number for c in version.clauses.all()] == [1, 2, 3, 4]
    version = advance(version, S.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        drafting.change_clause(actor=committee_member, clause=clause, text="改")
    assert error.value.code == "wrong_state"
    clause.refresh_from_db()
    assert clause.text == "新条款"


def test_removing_a_clause_renumbers_the_rest(start, committee_member):
    version = start()
    drafting.remove_clause(actor=committee_member, clause=version.clauses.get(number=1))
    assert [c.number for c in version.clauses.all()] == [1, 2]


def test_a_charter_needs_a_title_a_kind_and_a_clause(community, committee_member):
    with pytest.raises(ValidationError) as error:
        drafting.start_charter(
            actor=committee_member,
            community=community,
            kind="nope",
            title=" ",
            clauses=["  "],
        )
    assert set(error.value.error_dict) == {"title", "kind", "clauses"}
    assert not CharterPage.objects.exists()


def test_residents_officers_and_the_committee_are_told_of_their_steps(
    start, advance, resident, committee_member, street_officer
):
    from notifications.models import Notification

    version = start()
    told = Notification.objects.get(recipient=resident)
    assert told.url == f"/heping/charters/opinions/{version.pk}/"
    version = advance(version, S.SUBMITTED)
    assert Notification.objects.filter(recipient=street_officer).count() == 1
    lifecycle.return_for_revision(actor=street_officer, version=version, reason="改")
    assert Notification.objects.filter(recipient=committee_member).count() == 1
