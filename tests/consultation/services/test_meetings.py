"""Meetings: notice periods, emergencies, invitations, registration, calendars."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultation.meetings import ics as meeting_ics
from consultation.meetings import selectors as meeting_selectors
from consultation.meetings import services as meeting_services
from consultation.models import Meeting, Participant, State
from consultation.topics import services as topic_services
from notifications.models import Notification

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def topic(community, committee, walk):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="停车", description="..."
    )
    return walk(topic, State.ACCEPTED)


def _ready(walk, topic, committee, **kwargs):
    meeting = walk.meeting(topic, **kwargs)
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="affected", name="3号楼"
    )
    if topic.state == State.ACCEPTED:
        topic_services.set_participants(actor=committee, consultation=topic)
    return meeting


@pytest.mark.parametrize(
    ("form", "days_before", "allowed"),
    [
        ("deliberation", 3, True),
        ("deliberation", 2.9, False),
        ("hearing", 3, True),
        ("assembly", 10, True),
        ("assembly", 9.9, False),
        ("assembly", 5, False),
        ("representatives", 3, True),
    ],
)
def test_the_notice_goes_out_in_time(
    walk, topic, committee, form, days_before, allowed
):
    starts = timezone.now() + datetime.timedelta(days=days_before)
    meeting = _ready(
        walk, topic, committee, form=form, starts_at=starts, ends_at=starts + DAY / 12
    )
    if allowed:
        meeting_services.publish_notice(actor=committee, meeting=meeting)
        meeting.refresh_from_db()
        assert meeting.notice_published_at == timezone.now()
        topic.refresh_from_db()
        assert topic.state == State.NOTICE_PUBLISHED
    else:
        with pytest.raises(ValidationError, match="at least"):
            meeting_services.publish_notice(actor=committee, meeting=meeting)
        meeting.refresh_from_db()
        assert meeting.notice_published_at is None


def test_notice_days_follow_the_community_settings(walk, topic, committee, community):
    policy = community.policy
    policy.meeting_notice_days = 5
    policy.save()
    starts = timezone.now() + 4 * DAY
    meeting = _ready(walk, topic, committee, starts_at=starts, ends_at=starts + DAY)
    with pytest.raises(ValidationError, match="5 days"):
        meeting_services.publish_notice(actor=committee, meeting=meeting)


def test_an_emergency_meeting_may_be_shorter_with_a_recorded_reason(
    walk, topic, committee
):
    starts = timezone.now() + DAY
    with pytest.raises(ValidationError) as refused:
        walk.meeting(topic, starts_at=starts, ends_at=starts + DAY, is_emergency=True)
    assert "emergency_reason" in refused.value.message_dict
    meeting = _ready(
        walk,
        topic,
        committee,
        starts_at=starts,
        ends_at=starts + DAY,
        is_emergency=True,
        emergency_reason="暴雨后地下车库积水",
    )
    meeting_services.publish_notice(actor=committee, meeting=meeting)
    assert meeting.notice_published_at is not None
    assert Meeting.objects.get(pk=meeting.pk).emergency_reason == "暴雨后地下车库积水"


def test_the_notice_needs_participants_set_and_is_published_once(
    walk, topic, committee
):
    meeting = walk.meeting(topic)
    with pytest.raises(ValidationError, match="participants"):
        meeting_services.publish_notice(actor=committee, meeting=meeting)
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="affected", name="3号楼"
    )
    topic_services.set_participants(actor=committee, consultation=topic)
    meeting_services.publish_notice(actor=committee, meeting=meeting)
    with pytest.raises(ValidationError, match="already"):
        meeting_services.publish_notice(actor=committee, meeting=meeting)


def test_publishing_the_notice_tells_the_residents(
    walk, topic, committee, make_resident
):
    residents = [make_resident() for _ in range(3)]
    outsider = make_resident(status="pending")
    meeting = _ready(walk, topic, committee)
    meeting_services.publish_notice(actor=committee, meeting=meeting)
    told = set(
        Notification.objects.filter(kind="consultation.meeting_notice").values_list(
            "recipient", flat=True
        )
    )
    assert {r.pk for r in residents} <= told
    assert outsider.pk not in told


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"place": ""}, "place"),
        ({"mode": "online"}, "online_url"),
        ({"ends_at_offset": -1}, "ends_at"),
        ({"starts_in_past": True}, "starts_at"),
    ],
)
def test_a_meeting_with_bad_input_is_refused_and_nothing_saved(
    walk, topic, changes, field
):
    starts = timezone.now() + 5 * DAY
    kwargs = {"starts_at": starts, "ends_at": starts + DAY / 12}
    if "ends_at_offset" in changes:
        kwargs["ends_at"] = starts - DAY / 24
    elif "starts_in_past" in changes:
        kwargs["starts_at"] = timezone.now() - DAY
        kwargs["ends_at"] = timezone.now() - DAY / 2
    else:
        kwargs.update(changes)
    with pytest.raises(ValidationError) as refused:
        walk.meeting(topic, **kwargs)
    assert field in refused.value.message_dict
    assert not Meeting.objects.exists()


def test_meetings_need_an_accepted_consultation(community, committee, walk):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="t", description="d"
    )
    with pytest.raises(ValidationError):
        walk.meeting(topic)


def test_experts_are_advisory_and_never_vote(walk, topic, committee):
    meeting = walk.meeting(topic)
    expert = meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="expert", name="李律师"
    )
    affected = meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="affected", name="3号楼"
    )
    assert not expert.may_vote
    assert affected.may_vote


# ---------------------------------------------------------------------------
# Registration
# ---------------------------------------------------------------------------
@pytest.fixture
def open_meeting(walk, topic, committee):
    meeting = _ready(walk, topic, committee, registration_open=True, capacity=2)
    meeting_services.publish_notice(actor=committee, meeting=meeting)
    return meeting


def test_registration_fills_the_places_then_refuses(open_meeting, make_resident):
    first, second, third = (make_resident() for _ in range(3))
    meeting_services.register(user=first, meeting=open_meeting)
    assert meeting_selectors.places_left(open_meeting) == 1
    with pytest.raises(ValidationError, match="already"):
        meeting_services.register(user=first, meeting=open_meeting)
    meeting_services.register(user=second, meeting=open_meeting)
    with pytest.raises(ValidationError, match="full"):
        meeting_services.register(user=third, meeting=open_meeting)
    assert open_meeting.participants.filter(how="registered").count() == 2
    meeting_services.cancel_registration(user=first, meeting=open_meeting)
    meeting_services.register(user=third, meeting=open_meeting)


def test_invited_participants_do_not_take_registration_places(
    open_meeting, make_resident
):
    # _ready invited one affected party; both places are still free.
    assert open_meeting.participants.filter(how="invited").count() == 1
    assert meeting_selectors.places_left(open_meeting) == 2


@pytest.mark.parametrize("who", ["pending", "outsider"])
def test_only_verified_residents_register(
    open_meeting, make_resident, user_factory, who
):
    person = make_resident(status="pending") if who == "pending" else user_factory()
    with pytest.raises(ValidationError):
        meeting_services.register(user=person, meeting=open_meeting)
    assert not open_meeting.participants.filter(user=person).exists()


def test_registration_needs_the_notice_and_closes_at_the_start(
    walk, topic, committee, make_resident, time_machine_now
):
    meeting = _ready(walk, topic, committee, registration_open=True)
    resident = make_resident()
    with pytest.raises(ValidationError, match="not open"):
        meeting_services.register(user=resident, meeting=meeting)
    meeting_services.publish_notice(actor=committee, meeting=meeting)
    time_machine_now.move_to(meeting.starts_at + datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="closed"):
        meeting_services.register(user=resident, meeting=meeting)


def test_held_needs_the_start_and_the_notice(walk, topic, committee, time_machine_now):
    meeting = _ready(walk, topic, committee)
    with pytest.raises(ValidationError, match="notice"):
        meeting_services.mark_held(actor=committee, meeting=meeting)
    meeting_services.publish_notice(actor=committee, meeting=meeting)
    with pytest.raises(ValidationError, match="not started"):
        meeting_services.mark_held(actor=committee, meeting=meeting)
    time_machine_now.move_to(meeting.starts_at)
    meeting_services.mark_held(actor=committee, meeting=meeting)
    topic.refresh_from_db()
    assert topic.state == State.HELD


def test_check_in_is_recorded_once(walk, topic, committee, make_resident):
    meeting = walk.meeting(topic)
    person = make_resident()
    participant = meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="resident", user=person
    )
    meeting_services.check_in(actor=committee, participant=participant)
    assert Participant.objects.get(pk=participant.pk).checked_in_by == committee
    with pytest.raises(ValidationError):
        meeting_services.check_in(actor=committee, participant=participant)


# ---------------------------------------------------------------------------
# iCalendar
# ---------------------------------------------------------------------------
def test_the_ics_is_correct_icalendar_text(walk, topic, committee):
    starts = timezone.now().replace(microsecond=0) + 5 * DAY
    meeting = walk.meeting(
        topic,
        title="关于3号楼加装电梯的议事会, 第一次; 请准时",
        place="社区活动室\n二楼",
        description="议题：" + "加装电梯" * 40,
        starts_at=starts,
        ends_at=starts + DAY / 12,
    )
    text = meeting_ics.calendar([(meeting, "https://example.org/m/1/")])
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    unfolded = text.replace("\r\n ", "").split("\r\n")
    assert f"UID:{meeting.uid}@" in "\n".join(unfolded)
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in unfolded)
    assert f"DTSTART:{starts.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in unfolded
    assert "SUMMARY:关于3号楼加装电梯的议事会\\, 第一次\\; 请准时" in unfolded
    assert "LOCATION:社区活动室\\n二楼" in unfolded
    assert "VERSION:2.0" in unfolded and any(
        line.startswith("PRODID:") for line in unfolded
    )
    # Folding never splits a multi-byte character.
    description = next(line for line in unfolded if line.startswith("DESCRIPTION:"))
    assert description == "DESCRIPTION:议题：" + "加装电梯" * 40


def test_escape_and_fold_helpers():
    assert meeting_ics.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = meeting_ics.fold("X:" + "a" * 200)
    parts = folded.split("\r\n")
    assert [len(p) for p in parts] == [
        75,
        75,
        54,
    ]  # 75 + 74 + 53 characters, plus the spaces
    assert all(p.startswith(" ") for p in parts[1:])
