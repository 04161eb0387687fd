"""Demo data for consultation: topics in several states, meetings and votes.

Called at the end of `seed_demo`. Idempotent: each demo consultation is keyed by
its title within its community and made only when missing. Steps that happen now
go through the services; meetings that lie in the past are written with their
past dates (the services refuse scheduling in the past, rightly).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from communities.models import Community, Membership
from consultation.followup.services import draft_minutes
from consultation.meetings import services as meeting_services
from consultation.meetings.models import Meeting, Participant
from consultation.topics import services as topic_services
from consultation.topics.models import (
    CHAIN,
    Consultation,
    ConsultationEvent,
    State,
    Suggestion,
)
from consultation.votes import services as vote_services

DAY = datetime.timedelta(days=1)


def _residents(community: Community) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.verified()
        .filter(community=community)
        .select_related("user")
        .order_by("pk")
    ]


def _exists(community: Community, title: str) -> bool:
    return (
        Consultation.objects.filter(community=community, title=title).exists()
        or Suggestion.objects.filter(community=community, title=title).exists()
    )


def _future_meeting(admin, topic: Consultation, *, days: int, **kwargs) -> Meeting:
    starts = (timezone.localtime() + days * DAY).replace(
        hour=19, minute=0, second=0, microsecond=0
    )
    defaults = {
        "title": f"{topic.title}议事会",
        "form": Meeting.Form.DELIBERATION,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "place": "社区党群服务中心二楼会议室",
    }
    defaults.update(kwargs)
    return meeting_services.schedule_meeting(
        actor=admin, consultation=topic, **defaults
    )


def _ready_to_run_live(community: Community, title: str) -> None:
    """Keep the demo meeting runnable from its live control page whenever the demo
    is (re)loaded: starting half an hour from now, its notice dated as long before
    as the rules ask (the same shift `_past` makes for held meetings)."""
    meeting = (
        Meeting.objects.filter(
            consultation__community=community,
            consultation__title=title,
            held_at__isnull=True,
            cancelled_at__isnull=True,
        )
        .order_by("pk")
        .first()
    )
    if meeting is None:
        return
    starts = timezone.now() + datetime.timedelta(minutes=30)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        notice_published_at=starts - 5 * DAY,
    )


def _past(admin, topic: Consultation, upto: str, residents: list[Any]) -> None:
    """Walk a topic to `upto` with a meeting held 20 days ago, dated in the past."""
    start = timezone.now() - 30 * DAY
    topic.events.filter(to_state=State.PROPOSED).update(at=start)
    topic.created_at = start
    held = (timezone.localtime() - 20 * DAY).replace(
        hour=19, minute=0, second=0, microsecond=0
    )
    meeting = Meeting.objects.create(
        consultation=topic,
        community=topic.community,
        title=f"{topic.title}议事会",
        form=Meeting.Form.DELIBERATION,
        starts_at=held,
        ends_at=held + datetime.timedelta(hours=2),
        place="社区党群服务中心二楼会议室",
        notice_published_at=held - 5 * DAY,
        notice_published_by=admin,
        held_at=held,
        created_by=admin,
    )
    draft_minutes(meeting)
    Participant.objects.create(
        meeting=meeting,
        name="相关楼栋住户代表",
        kind=Participant.Kind.AFFECTED,
        how=Participant.How.INVITED,
        invited_by=admin,
    )
    Participant.objects.create(
        meeting=meeting,
        name="区住建局工程师",
        kind=Participant.Kind.EXPERT,
        how=Participant.How.INVITED,
        invited_by=admin,
    )
    for person in residents[:4]:
        Participant.objects.create(
            meeting=meeting,
            user=person,
            kind=Participant.Kind.RESIDENT,
            how=Participant.How.REGISTERED,
            checked_in_at=held + datetime.timedelta(minutes=5),
            checked_in_by=admin,
        )
    notes = {
        State.OPINION_RECORDED: "多数居民同意，按方案实施，费用由维修基金列支。",
        State.IMPLEMENTING: "物业公司负责，三十天内完成。",
        State.FEEDBACK_PUBLISHED: "已按方案完成，欢迎居民监督。",
    }
    steps = CHAIN[1 : CHAIN.index(upto) + 1]
    for index, state in enumerate(steps, start=1):
        at = start + index * DAY if state != State.HELD else held
        if CHAIN.index(state) > CHAIN.index(State.HELD):
            at = held + (index - CHAIN.index(State.HELD)) * DAY
        ConsultationEvent.objects.create(
            consultation=topic,
            from_state=CHAIN[CHAIN.index(state) - 1],
            to_state=state,
            actor=admin,
            at=at,
            note=notes.get(state, ""),
        )
        topic.state = state
        topic.state_changed_at = at
    if CHAIN.index(upto) >= CHAIN.index(State.OPINION_RECORDED):
        topic.opinion = notes[State.OPINION_RECORDED]
    if CHAIN.index(upto) >= CHAIN.index(State.FEEDBACK_PUBLISHED):
        topic.feedback = notes[State.FEEDBACK_PUBLISHED]
    topic.save()
    # A closed vote on the meeting's agenda.
    item = meeting_services.add_agenda_item(
        actor=admin, meeting=meeting, title="表决实施方案"
    )
    motion = vote_services.create_motion(
        actor=admin, agenda_item=item, title=f"是否同意{topic.title}方案"
    )
    vote_services.open_vote(actor=admin, motion=motion)
    options = {o.code: o.pk for o in motion.options.all()}
    voters = residents[4:]
    for index, person in enumerate(voters):
        code = "for" if index % 4 else "against"
        vote_services.cast_ballot(
            user=person, motion=motion, option_ids=[options[code]]
        )
    vote_services.enter_paper_tally(
        actor=admin,
        motion=motion,
        ballots=3,
        counts={options["for"]: 2, options["abstain"]: 1},
    )
    vote_services.close_vote(actor=admin, motion=motion)


@transaction.atomic
def seed(*, admin: Any, communities: list[Community], ensure_user) -> None:
    """Consultations in several states in the first community, a few elsewhere."""
    if not communities:
        return
    community = communities[0]
    residents = _residents(community)
    if len(residents) < 8:
        return

    title = "3号楼加装电梯"
    if not _exists(community, title):
        topic_services.open_topic(
            actor=admin,
            community=community,
            title=title,
            description="3号楼多位老年住户希望加装电梯，请居民共同商议方案和费用分摊。",
        )

    title = "地下车库增设电动车充电桩"
    if not _exists(community, title):
        topic_services.post_suggestion(
            author=residents[0],
            community=community,
            title=title,
            description="电动车在楼道充电有火灾隐患，建议在地下车库集中设置充电桩。",
        )

    title = "小区停车位重新划线"
    if not _exists(community, title):
        suggestion = Suggestion.objects.create(
            community=community,
            author=residents[1],
            title=title,
            description="现有停车位划线不合理，消防通道常被占用。",
            status=Suggestion.Status.PROMOTED,
            created_at=timezone.now() - 20 * DAY,
            promoted_at=timezone.now() - 18 * DAY,
        )
        for person in residents[1:4]:
            suggestion.supports.create(user=person)
        topic = Consultation.objects.create(
            community=community,
            title=title,
            description=suggestion.description,
            origin=Consultation.Origin.PETITION,
            suggestion=suggestion,
            proposed_by=residents[1],
            created_at=suggestion.promoted_at,
            state_changed_at=suggestion.promoted_at,
            decision_due_at=suggestion.promoted_at
            + community.policy.topic_decision_days * DAY,
        )
        ConsultationEvent.objects.create(
            consultation=topic,
            from_state="",
            to_state=State.PROPOSED,
            actor=residents[1],
            at=suggestion.promoted_at,
        )

    title = "取消小区门禁收费"
    if not _exists(community, title):
        topic = topic_services.open_topic(
            actor=admin,
            community=community,
            title=title,
            description="有居民提出门禁卡工本费不合理。",
        )
        topic_services.decline(
            actor=admin,
            consultation=topic,
            reason="门禁卡工本费由业主大会决定，不属于居委会协商事项，已转交业主委员会。",
        )

    title = "广场舞音量与时间协商"
    if not _exists(community, title):
        topic = topic_services.open_topic(
            actor=admin,
            community=community,
            title=title,
            description="部分居民反映晚间广场舞音量过大，商议活动时间和音量。",
        )
        topic_services.accept(actor=admin, consultation=topic)
        _future_meeting(
            admin,
            topic,
            days=12,
            form=Meeting.Form.DIALOGUE,
            registration_open=True,
            capacity=30,
        )

    title = "楼道堆物清理"
    if not _exists(community, title):
        topic = topic_services.open_topic(
            actor=admin,
            community=community,
            title=title,
            description="楼道堆放杂物影响消防安全，商议集中清理方案。",
        )
        topic_services.accept(actor=admin, consultation=topic)
        meeting = _future_meeting(
            admin, topic, days=5, registration_open=True, capacity=40
        )
        meeting_services.invite_participant(
            actor=admin,
            meeting=meeting,
            kind=Participant.Kind.AFFECTED,
            name="1-5号楼楼栋长",
        )
        meeting_services.invite_participant(
            actor=admin,
            meeting=meeting,
            kind=Participant.Kind.UNIT,
            name="小区物业服务中心",
        )
        meeting_services.invite_participant(
            actor=admin,
            meeting=meeting,
            kind=Participant.Kind.EXPERT,
            name="街道消防安全专干",
        )
        topic_services.set_participants(actor=admin, consultation=topic)
        meeting_services.publish_notice(actor=admin, meeting=meeting)
        for person in residents[2:5]:
            meeting_services.register(user=person, meeting=meeting)
        item = meeting_services.add_agenda_item(
            actor=admin, meeting=meeting, title="清理方案与时间"
        )
        meeting_services.add_agenda_item(
            actor=admin, meeting=meeting, title="长效管理办法"
        )
        vote_services.create_motion(
            actor=admin,
            agenda_item=item,
            title="集中清理日期",
            method="single",
            options=["本月第三个周六", "本月最后一个周六"],
        )
        vote_services.create_motion(
            actor=admin,
            agenda_item=item,
            title="是否同意清理方案",
            is_secret=True,
        )
    _ready_to_run_live(community, "楼道堆物清理")

    title = "单元门禁系统更换"
    if not _exists(community, title):
        topic = topic_services.open_topic(
            actor=admin,
            community=community,
            title=title,
            description="单元门禁老化失灵，商议更换方案与费用分担。",
        )
        topic_services.accept(actor=admin, consultation=topic)
        meeting = _future_meeting(admin, topic, days=20, form=Meeting.Form.HEARING)
        meeting_services.invite_participant(
            actor=admin,
            meeting=meeting,
            kind=Participant.Kind.AFFECTED,
            name="各单元住户代表",
        )
        topic_services.set_participants(actor=admin, consultation=topic)

    for title, upto in (
        ("楼道灯节能改造", State.HELD),
        ("垃圾分类投放点调整", State.OPINION_RECORDED),
        ("小区绿化带改造", State.IMPLEMENTING),
        ("老旧电梯维修资金使用", State.FEEDBACK_PUBLISHED),
        ("健身器材更新", State.CLOSED),
    ):
        if not _exists(community, title):
            topic = topic_services.open_topic(
                actor=admin,
                community=community,
                title=title,
                description=f"{title}：征集居民意见并形成协商意见。",
            )
            stop = State.FEEDBACK_PUBLISHED if upto == State.CLOSED else upto
            _past(admin, topic, stop, residents)
            if upto == State.CLOSED:
                topic_services.close(
                    actor=admin, consultation=topic, note="居民评价良好。"
                )

    for other in communities[1:3]:
        title = "村(居)民议事厅开放时间"
        if not _exists(other, title):
            topic_services.open_topic(
                actor=admin,
                community=other,
                title=title,
                description="商议议事厅周末开放时间。",
            )
