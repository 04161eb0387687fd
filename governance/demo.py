"""Demo data for governance: bodies, people in office and a few notices per community.

Called at the end of `seed_demo`. Idempotent: people are appointed only to empty
bodies and notices are added only to an empty notice list.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from communities.models import Community
from governance import services
from governance.models import Body, NoticeIndexPage, NoticePage, Position, Term

DOMAIN = "demo.gongzhi.cn"
# (local part of the e-mail, display name) per seat; one set per community.
PEOPLE = {
    Body.Kind.COMMITTEE: [
        (Position.CHAIR, "主任"),
        (Position.VICE_CHAIR, "副主任"),
        (Position.MEMBER, "委员"),
    ],
    Body.Kind.PARTY: [
        (Position.SECRETARY, "书记"),
        (Position.MEMBER, "党委委员"),
    ],
    Body.Kind.SUPERVISION: [
        (Position.CHAIR, "监委会主任"),
        (Position.MEMBER, "监委会委员甲"),
        (Position.MEMBER, "监委会委员乙"),
    ],
}
NOTICES = [
    (
        "关于调整城乡低保标准的通知",
        "自下月起，城乡低保标准按区民政局文件调整。",
        "<p>各位居民：自下月起，城乡最低生活保障标准按区民政局最新文件调整，"
        "详情请到社区服务站咨询。</p>",
        True,
    ),
    (
        "小区停水通知",
        "周六上午九点至下午三点因管道维修停水。",
        "<p>因供水管道维修，本周六 9:00–15:00 停水，请提前储水。</p>",
        False,
    ),
    (
        "垃圾分类宣传活动",
        "本月第二个周日在社区广场举办垃圾分类宣传活动。",
        "<p>欢迎居民朋友参加垃圾分类知识问答，现场有小礼品。</p>",
        False,
    ),
]


def seed(*, admin: Any, communities: list[Community], ensure_user) -> None:
    """Bodies and terms (a complete supervision committee, one cross-held office)
    and three notices (one pinned) for each community."""
    start = timezone.localdate() - datetime.timedelta(days=365)
    for number, community in enumerate(communities, start=1):
        services.setup_community(community)
        _seed_terms(admin, community, number, start, ensure_user)
        _seed_notices(admin, community)
    from governance import demo_charters

    demo_charters.seed(admin=admin, communities=communities)


def _seed_terms(admin, community: Community, number: int, start, ensure_user) -> None:
    bodies = {
        body.kind: body
        for body in Body.objects.filter(community=community).exclude(
            kind=Body.Kind.SUBCOMMITTEE
        )
    }
    chair = None
    for kind, seats in PEOPLE.items():
        body = bodies[kind]
        if Term.objects.filter(body=body).exists():
            continue
        for seat, (position, title) in enumerate(seats, start=1):
            user = ensure_user(
                f"gov-{community.slug}-{kind}-{seat}@{DOMAIN}",
                f"{community.name}{title}",
            )
            services.appoint_term(
                actor=admin,
                body=body,
                person=user,
                position=position,
                starts_on=start,
            )
            if kind == Body.Kind.COMMITTEE and position == Position.CHAIR:
                chair = user
    # 交叉任职: the committee chair also leads the people's mediation sub-committee.
    mediation = Body.objects.filter(community=community, preset="mediation").first()
    if chair is not None and mediation is not None:
        services.appoint_term(
            actor=admin,
            body=mediation,
            person=chair,
            position=Position.CHAIR,
            starts_on=start,
        )


def _seed_notices(admin, community: Community) -> None:
    index = NoticeIndexPage.objects.filter(community=community).first()
    if index is None or NoticePage.objects.child_of(index).exists():
        return
    for number, (title, summary, body, pinned) in enumerate(NOTICES, start=1):
        notice = index.add_child(
            instance=NoticePage(
                title=title,
                slug=f"notice-{number}",
                summary=summary,
                body=body,
                pinned=pinned,
                live=False,
            )
        )
        notice.save_revision(user=admin).publish(user=admin)
