"""Minutes: drafted from the record, edited, confirmed; the resolution follows."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from consultation.followup import publishing as followup_publishing
from consultation.followup import selectors as followup_selectors
from consultation.followup import services as followup_services
from consultation.models import Minutes, Resolution, State
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_minutes_are_drafted_from_the_record_when_the_meeting_is_held(held):
    minutes = held.minutes
    assert minutes.status == Minutes.Status.DRAFT
    # Attendance, the motion with its numbers, and the decision.
    assert "Participants: 3, of whom 0 checked in." in minutes.record
    assert "同意在3号楼旁增设充电桩" in minutes.record
    assert "Electorate 10, turnout 6" in minutes.record
    assert "for 6" in minutes.record
    assert "Result: passed." in minutes.record
    assert minutes.decisions == "Adopted: 同意在3号楼旁增设充电桩"


def test_the_draft_follows_the_record_until_the_committee_edits_it(held, committee):
    minutes = held.minutes
    followup_services.edit_minutes(
        actor=committee, minutes=minutes, record_text="手写记录", decisions="同意增设"
    )
    followup_services.draft_minutes(held.meeting)
    minutes.refresh_from_db()
    assert (minutes.record, minutes.decisions) == ("手写记录", "同意增设")
    followup_services.redraft_minutes(actor=committee, minutes=minutes)
    minutes.refresh_from_db()
    assert "Electorate 10" in minutes.record
    assert minutes.edited_by is None


def test_minutes_without_decisions_cannot_be_saved(held, committee):
    minutes = held.minutes
    with pytest.raises(ValidationError) as error:
        followup_services.edit_minutes(
            actor=committee, minutes=minutes, record_text="x", decisions="  "
        )
    assert "decisions" in error.value.message_dict
    minutes.refresh_from_db()
    assert minutes.edited_at is None


def test_only_the_committee_edits_and_circulates_minutes(held):
    resident = held.participants[0]
    with pytest.raises(ValidationError):
        followup_services.edit_minutes(
            actor=resident, minutes=held.minutes, record_text="x", decisions="y"
        )
    with pytest.raises(ValidationError):
        followup_services.circulate_minutes(actor=resident, minutes=held.minutes)
    assert held.minutes.status == Minutes.Status.DRAFT


def test_circulating_asks_each_participant_with_an_account(held, committee):
    followup_services.circulate_minutes(actor=committee, minutes=held.minutes)
    told = set(
        Notification.objects.filter(kind="consultation.minutes_to_confirm").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {p.pk for p in held.participants}
    # Minutes sent out can no longer be edited.
    with pytest.raises(ValidationError):
        followup_services.edit_minutes(
            actor=committee, minutes=held.minutes, record_text="x", decisions="y"
        )


def test_each_participant_confirms_once_and_a_majority_adopts(held, committee):
    minutes = held.minutes
    followup_services.circulate_minutes(actor=committee, minutes=minutes)
    first, second = held.participants
    # Two participants with an account: more than half is two.
    assert followup_selectors.confirmations_needed(minutes) == 2
    followup_services.confirm_minutes(user=first, minutes=minutes)
    with pytest.raises(ValidationError, match="already confirmed"):
        followup_services.confirm_minutes(user=first, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CIRCULATING
    assert not Resolution.objects.exists()
    followup_services.confirm_minutes(user=second, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CONFIRMED
    assert list(minutes.confirmations.values_list("user_id", flat=True)) == [
        first.pk,
        second.pk,
    ]
    resolution = minutes.resolution
    assert resolution.text == "Adopted: 同意在3号楼旁增设充电桩"
    assert AuditEvent.objects.filter(action="consultation.resolution_adopted").exists()
    # The consultation's opinion is recorded from the decisions (held -> opinion).
    held.consultation.refresh_from_db()
    assert held.consultation.state == State.OPINION_RECORDED
    assert held.consultation.opinion == resolution.text


def test_someone_who_did_not_take_part_cannot_confirm(held, committee, residents):
    followup_services.circulate_minutes(actor=committee, minutes=held.minutes)
    voter = held.voters[0]
    with pytest.raises(ValidationError, match="Only the meeting's participants"):
        followup_services.confirm_minutes(user=voter, minutes=held.minutes)
    assert not held.minutes.confirmations.exists()


def test_draft_minutes_cannot_be_confirmed(held):
    with pytest.raises(ValidationError, match="not awaiting confirmation"):
        followup_services.confirm_minutes(
            user=held.participants[0], minutes=held.minutes
        )


def test_without_the_governance_service_the_resolution_waits(
    held, committee, monkeypatch
):
    monkeypatch.setattr(followup_publishing, "_governance_service", lambda: None)
    from tests.consultation.chain import adopt

    resolution = adopt(held, committee)
    assert resolution.publication == Resolution.Publication.PENDING
    assert followup_publishing.publish_pending() == 0


def test_with_the_governance_service_the_resolution_is_published(
    held, committee, monkeypatch
):
    calls = []

    class Published:
        pk = 77

        def get_url(self):
            return "/xingfuli/disclosures/77/"

    def publish_consultation_resolution(**kwargs):
        calls.append(kwargs)
        return Published()

    monkeypatch.setattr(
        followup_publishing,
        "_governance_service",
        lambda: publish_consultation_resolution,
    )
    from tests.consultation.chain import adopt

    resolution = adopt(held, committee)
    resolution.refresh_from_db()
    assert resolution.publication == Resolution.Publication.PUBLISHED
    assert resolution.publication_ref == "/xingfuli/disclosures/77/"
    (call,) = calls
    assert set(call) == {"community", "title", "text", "url", "adopted_at", "source"}
    assert call["source"] == resolution
    assert call["url"].endswith(f"/consultations/resolutions/{resolution.pk}/")


def test_a_failing_governance_service_keeps_it_pending_and_it_is_retried(
    held, committee, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("disclosure board down")

    monkeypatch.setattr(followup_publishing, "_governance_service", lambda: broken)
    from tests.consultation.chain import adopt

    resolution = adopt(held, committee)
    resolution.refresh_from_db()
    # The confirmation stands even though publishing failed.
    assert resolution.minutes.status == Minutes.Status.CONFIRMED
    assert resolution.publication == Resolution.Publication.PENDING
    monkeypatch.setattr(
        followup_publishing, "_governance_service", lambda: lambda **kwargs: None
    )
    assert followup_publishing.publish_pending() == 1
    resolution.refresh_from_db()
    assert resolution.publication == Resolution.Publication.PUBLISHED


def test_minutes_are_adopted_even_if_the_sender_left_the_committee(held, committee):
    from communities.models import RoleGrant

    minutes = held.minutes
    followup_services.circulate_minutes(actor=committee, minutes=minutes)
    RoleGrant.objects.filter(user=committee).update(
        revoked_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    for person in held.participants:
        followup_services.confirm_minutes(user=person, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CONFIRMED
    held.consultation.refresh_from_db()
    # The committee records the opinion itself with the usual step.
    assert held.consultation.state == State.HELD
