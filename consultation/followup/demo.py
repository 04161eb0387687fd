"""Demo data for the end of the consultation chain: a held meeting with confirmed
minutes, a resolution and follow-up items (on time, overdue and done with ratings).

`seed(admin=..., communities=..., ensure_user=...)` is called by `seed_demo`.
Idempotent: a community that already has the demo resolution is left alone. The
records are written directly (the meeting lies in the past, which the services
would refuse), in the states the services would have left them in.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from communities.models import Community, Membership
from communities.selectors import committee_members
from consultation.deliberation.models import Comment
from consultation.followup.models import (
    FollowUpItem,
    FollowUpRating,
    Milestone,
    Minutes,
    MinutesConfirmation,
    ProgressUpdate,
    Resolution,
)
from consultation.followup.publishing import publish_resolution
from consultation.meetings.models import AgendaItem, Meeting, Participant
from consultation.topics.models import Consultation, ConsultationEvent, State

TITLE = "小区增设电动自行车充电桩"


def _committee_member(community: Community, admin: Any) -> Any:
    return committee_members(community).order_by("pk").first() or admin


@transaction.atomic
def seed_community(community: Community, *, admin: Any) -> Consultation | None:
    if Consultation.objects.filter(community=community, title=TITLE).exists():
        return None
    now = timezone.now()
    today = timezone.localdate()
    actor = _committee_member(community, admin)
    residents = [
        m.user
        for m in Membership.objects.verified()
        .filter(community=community)
        .select_related("user")
        .order_by("pk")[:4]
    ]
    held_at = now - datetime.timedelta(days=40)
    consultation = Consultation.objects.create(
        community=community,
        title=TITLE,
        description="3号楼、5号楼居民反映电动自行车充电难，楼道飞线充电存在安全隐患。",
        origin=Consultation.Origin.COMMITTEE,
        state=State.IMPLEMENTING,
        proposed_by=actor,
        created_at=held_at - datetime.timedelta(days=20),
        state_changed_at=held_at + datetime.timedelta(days=3),
        opinion="同意在3号楼、5号楼旁各增设一处充电桩，费用由公共收益列支。",
    )
    steps = [
        State.PROPOSED,
        State.ACCEPTED,
        State.PARTICIPANTS_SET,
        State.NOTICE_PUBLISHED,
        State.HELD,
        State.OPINION_RECORDED,
        State.IMPLEMENTING,
    ]
    previous = ""
    for n, state in enumerate(steps):
        ConsultationEvent.objects.create(
            consultation=consultation,
            from_state=previous,
            to_state=state,
            actor=actor,
            at=held_at + datetime.timedelta(days=n - 4),
        )
        previous = state
    meeting = Meeting.objects.create(
        consultation=consultation,
        community=community,
        title="充电桩议事会",
        form=Meeting.Form.DELIBERATION,
        starts_at=held_at,
        ends_at=held_at + datetime.timedelta(hours=2),
        place="社区活动室",
        notice_published_at=held_at - datetime.timedelta(days=5),
        notice_published_by=actor,
        held_at=held_at,
        created_by=actor,
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="充电桩选址")
    participants = [
        Participant.objects.create(
            meeting=meeting,
            user=person,
            kind=Participant.Kind.RESIDENT,
            how=Participant.How.INVITED,
            checked_in_at=held_at,
        )
        for person in residents
    ]
    Participant.objects.create(
        meeting=meeting,
        name="物业服务中心",
        kind=Participant.Kind.UNIT,
        how=Participant.How.INVITED,
    )
    for person in residents[:2]:
        Comment.objects.create(
            consultation=consultation,
            agenda_item=item,
            author=person,
            body="建议装在车棚旁边，离楼道远一些。",
            created_at=held_at - datetime.timedelta(days=2),
        )
    # The meeting is recorded as held already: write its confirmed minutes.
    minutes, _created = Minutes.objects.update_or_create(
        meeting=meeting,
        defaults={
            "record": "充电桩议事会，社区活动室。\n到会居民代表4人，物业服务中心列席。",
            "decisions": consultation.opinion,
            "status": Minutes.Status.CONFIRMED,
            "drafted_at": held_at,
            "circulated_at": held_at + datetime.timedelta(days=1),
            "circulated_by": actor,
            "confirmed_at": held_at + datetime.timedelta(days=2),
        },
    )
    for participant in participants:
        MinutesConfirmation.objects.create(
            minutes=minutes, participant=participant, user=participant.user
        )
    resolution = Resolution.objects.create(
        community=community,
        consultation=consultation,
        minutes=minutes,
        title="关于增设电动自行车充电桩的决议",
        text=consultation.opinion,
        adopted_at=minutes.confirmed_at,
    )
    on_time = FollowUpItem.objects.create(
        community=community,
        resolution=resolution,
        title="5号楼充电桩安装",
        owner_user=actor,
        due_on=today + datetime.timedelta(days=20),
        created_by=actor,
    )
    Milestone.objects.create(item=on_time, title="选址确认", done_at=now)
    Milestone.objects.create(item=on_time, title="设备安装")
    ProgressUpdate.objects.create(
        item=on_time, author=actor, text="选址已确认，设备已下单。"
    )
    overdue = FollowUpItem.objects.create(
        community=community,
        resolution=resolution,
        title="供电容量评估",
        owner_unit="供电所",
        due_on=today - datetime.timedelta(days=5),
        created_by=actor,
    )
    Milestone.objects.create(item=overdue, title="现场勘查")
    done = FollowUpItem.objects.create(
        community=community,
        resolution=resolution,
        title="3号楼充电桩安装",
        owner_unit="物业服务中心",
        due_on=today - datetime.timedelta(days=10),
        created_by=actor,
        final_report="3号楼车棚旁安装8个充电口，已通过消防验收并投入使用。",
        closed_at=now - datetime.timedelta(days=12),
        closed_by=actor,
    )
    for person, score, text in zip(
        residents,
        (5, 4, 4),
        ("很方便，楼道里不再飞线。", "位置合适。", "希望再多几个充电口。"),
        strict=False,
    ):
        FollowUpRating.objects.create(item=done, user=person, score=score, comment=text)
    publish_resolution(resolution)
    return consultation


def seed(*, admin: Any, communities: list[Community], ensure_user: Any) -> None:
    """The follow-up demo in the first community (the one demo users sign in to)."""
    for community in communities[:1]:
        seed_community(community, admin=admin)
