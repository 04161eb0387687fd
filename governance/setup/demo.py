"""Demo data for governance: bodies, people in office, notices and a year of
affairs disclosures per community.

Called at the end of `seed_demo`. Idempotent: people are appointed only to empty
bodies, notices are added only to an empty notice list and disclosures only to an
empty disclosure board.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation

from communities import wording
from communities.models import Community, Membership
from governance.bodies.models import Body, Position, Term
from governance.bodies.services import appoint_term
from governance.charters import demo as demo_charters
from governance.disclosures.models import (
    DisclosureReview,
    DisclosureVersion,
    DueItem,
    Objection,
)
from governance.disclosures.pages import DisclosureIndexPage, DisclosurePage
from governance.disclosures.services import catalogue, schedule
from governance.notices.pages import NoticeIndexPage, NoticePage
from governance.setup.services import setup_community

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


# Scheduled a week ahead, so the oversight dashboard shows one waiting to go live.
SCHEDULED_NOTICE = (
    "下周社区议事会通知",
    "下周六上午在社区活动室召开居民议事会。",
    "<p>议题：小区停车管理办法（征求意见稿）。欢迎居民旁听。</p>",
)


def seed(*, admin: Any, communities: list[Community], ensure_user) -> None:
    """Bodies and terms (a complete supervision committee, one cross-held office),
    three notices (one pinned) and one scheduled for next week, for each community."""
    start = timezone.localdate() - datetime.timedelta(days=365)
    for number, community in enumerate(communities, start=1):
        setup_community(community)
        _seed_terms(admin, community, number, start, ensure_user)
        _seed_notices(admin, community)
        _seed_disclosures(community)
    demo_charters.seed(admin=admin, communities=communities)


# 一肩挑: in the first three demo communities the committee chair is also the
# Party secretary; the fourth has two people in those seats.
ONE_SHOULDER_COMMUNITIES = 3


def seats(community: Community, number: int) -> list[tuple[str, str, str, str]]:
    """(body kind, position, e-mail, name) of every seat the demo fills."""
    found = []
    for kind, kind_seats in PEOPLE.items():
        for seat, (position, title) in enumerate(kind_seats, start=1):
            email = f"gov-{community.slug}-{kind}-{seat}@{DOMAIN}"
            name = f"{community.name}{title}"
            if (
                kind == Body.Kind.PARTY
                and position == Position.SECRETARY
                and number <= ONE_SHOULDER_COMMUNITIES
            ):
                email = f"gov-{community.slug}-{Body.Kind.COMMITTEE}-1@{DOMAIN}"
                name = f"{community.name}书记、主任"
            found.append((kind, position, email, name))
    return found


def two_committee_people(community: Community, number: int) -> list[tuple[str, str]]:
    """(e-mail, name) of the demo's 两委 members, once each (the review's candidates)."""
    people: dict[str, str] = {}
    for kind, _position, email, name in seats(community, number):
        if kind in (Body.Kind.COMMITTEE, Body.Kind.PARTY):
            people[email] = name  # the later seat names both offices
    return list(people.items())


def _seed_terms(admin, community: Community, number: int, start, ensure_user) -> None:
    bodies = {
        body.kind: body
        for body in Body.objects.filter(community=community).exclude(
            kind=Body.Kind.SUBCOMMITTEE
        )
    }
    filled = {kind for kind, body in bodies.items() if body.terms.exists()}
    names = dict(two_committee_people(community, number))
    chair = None
    for kind, position, email, name in seats(community, number):
        body = bodies[kind]
        if kind in filled:
            continue
        user = ensure_user(email, names.get(email, name))
        appoint_term(
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
        appoint_term(
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
    title, summary, body = SCHEDULED_NOTICE
    scheduled = index.add_child(
        instance=NoticePage(
            title=title,
            slug="notice-scheduled",
            summary=summary,
            body=body,
            live=False,
            go_live_at=timezone.now() + datetime.timedelta(days=7),
        )
    )
    scheduled.save_revision(user=admin).publish(user=admin)


# ---------------------------------------------------------------------------
# Affairs disclosure: a year of quarterly items, mostly on time, some late, one
# still overdue, one finance item corrected; an answered and a pending objection.
# ---------------------------------------------------------------------------
def _holder(community: Community, kind: str):
    term = (
        Term.objects.current()
        .filter(body__community=community, body__kind=kind)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return term.person if term else None


def _finance_body(quarter: str, extra: bool = False) -> list:
    lines = [
        {"kind": "income", "item": "上级拨付办公经费", "amount": Decimal("30000.00")},
        {"kind": "income", "item": "党组织服务群众经费", "amount": Decimal("20000.00")},
        {"kind": "expenditure", "item": "环境卫生整治", "amount": Decimal("12800.00")},
        {"kind": "expenditure", "item": "老年活动室水电", "amount": Decimal("2350.60")},
        {"kind": "expenditure", "item": "办公用品", "amount": Decimal("1260.00")},
    ]
    if extra:
        lines.append(
            {
                "kind": "expenditure",
                "item": "楼道照明维修（补录）",
                "amount": Decimal("980.00"),
            }
        )
    return [
        ("paragraph", f"<p>现将{quarter}财务收支情况公开如下，欢迎居民监督。</p>"),
        (
            "finance_table",
            {
                "caption": f"{quarter}收支明细",
                "lines": [{**line, "note": ""} for line in lines],
            },
        ),
    ]


def _word(community: Community, key: str) -> str:
    """The Chinese city or village word for demo content (communities.wording)."""
    with translation.override("zh-hans"):
        return str(wording.term(community, key))


TEXTS = {
    "party": "<p>本季度召开党员大会一次、支委会三次，发展预备党员一名，党费收缴情况已公示。</p>",
    "affairs": "<p>本季度{committee}议定事项：加装电梯协商、停车秩序整治、老旧小区改造意见征集。</p>",
    "service": "<p>社区服务站办理事项、办理时限与联系电话，以及本季度便民服务开展情况。</p>",
}


def _publish_demo(index, *, entry, item, reviewer, body, title, slug):
    page = index.add_child(
        instance=DisclosurePage(
            title=title,
            slug=slug,
            category=entry.category,
            is_juwu=entry.is_juwu,
            period_start=item.period_start,
            period_end=item.period_end,
            summary=title,
            body=body,
            catalogue_entry=entry,
            live=False,
        )
    )
    revision = page.save_revision()
    if page.needs_review and reviewer is not None:
        DisclosureReview.objects.create(
            page=page,
            revision=revision,
            reviewer=reviewer,
            decision=DisclosureReview.Decision.APPROVED,
        )
    revision.publish()
    page.refresh_from_db()
    return page


def _backdate(page, when) -> None:
    DisclosurePage.objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when
    )
    DisclosureVersion.objects.filter(page=page).update(published_at=when)
    DisclosureVersion.objects.filter(page=page, approved_by__isnull=False).update(
        approved_at=when
    )
    DueItem.objects.filter(fulfilled_by=page).update(fulfilled_at=when)


def _seed_disclosures(community: Community) -> None:
    index = DisclosureIndexPage.objects.filter(community=community).first()
    if index is None or DisclosurePage.objects.child_of(index).exists():
        return
    catalogue.ensure_catalogue(community)
    today = timezone.localdate()
    day, periods = today, []
    for _n in range(4):
        start, end = schedule.last_completed_period(day, 3)
        periods.append((start, end))
        day = start
    for _start, end in reversed(periods):
        schedule.create_due_items(end + datetime.timedelta(days=1))
    reviewer = _holder(community, Body.Kind.SUPERVISION)
    chair = _holder(community, Body.Kind.COMMITTEE)
    items = list(
        DueItem.objects.filter(community=community, matter="")
        .select_related("entry")
        .order_by("period_start", "entry__order")
    )
    tz = timezone.get_current_timezone()
    finance_pages = []
    committee_word = _word(community, "committee_short")
    for number, item in enumerate(items):
        entry = item.entry
        quarter = (
            f"{item.period_start.year}年第{(item.period_start.month - 1) // 3 + 1}季度"
        )
        if item.period_end == periods[0][1] and entry.category == "party":
            continue  # still unpublished: overdue on the dashboards
        body = (
            _finance_body(quarter)
            if entry.category == "finance"
            else [("paragraph", TEXTS[entry.category].format(committee=committee_word))]
        )
        page = _publish_demo(
            index,
            entry=entry,
            item=item,
            reviewer=reviewer,
            body=body,
            title=f"{quarter}{entry.title}"
            + ("" if entry.title.endswith("公开") else "公开"),
            slug=f"{item.period_start:%Y-%m}-{entry.category}-{number}",
        )
        late = number % 5 == 3
        offset = 4 if late else -3
        when = datetime.datetime.combine(
            item.due_on + datetime.timedelta(days=offset), datetime.time(10), tz
        )
        _backdate(page, min(when, timezone.now()))
        if entry.category == "finance":
            finance_pages.append((page, quarter))
    if not finance_pages:
        return
    # One corrected finance disclosure: a missed expense added, with its note.
    page, quarter = finance_pages[0]
    page = DisclosurePage.objects.get(pk=page.pk)
    page.body = _finance_body(quarter, extra=True)
    page.correction_note = "补录楼道照明维修支出980元，原公开表漏列。"
    revision = page.save_revision()
    if reviewer is not None:
        DisclosureReview.objects.create(
            page=page,
            revision=revision,
            reviewer=reviewer,
            decision=DisclosureReview.Decision.APPROVED,
        )
    revision.publish()
    _seed_objections(community, finance_pages[-1][0], chair)


def _seed_objections(community: Community, page, chair) -> None:
    askers = list(
        Membership.objects.verified()
        .filter(community=community)
        .select_related("user")
        .order_by("pk")[:2]
    )
    if not askers:
        return
    page = DisclosurePage.objects.get(pk=page.pk)
    lines = page.finance_lines()
    now = timezone.now()
    days = community.policy.objection_answer_days
    specs = [
        (
            askers[0].user,
            lines[2].id if lines else "",
            "环境卫生整治支出包括哪些项目？",
            20,
        ),
        (askers[-1].user, "", "办公用品支出能否公开采购明细？", 2),
    ]
    for number, (asker, line_id, text, age) in enumerate(specs):
        created = now - datetime.timedelta(days=age)
        line = next((x for x in lines if x.id == line_id), None)
        objection = Objection.objects.create(
            community=community,
            page=page,
            line_id=line_id,
            line_label=f"{line.item} ({line.amount})" if line else "",
            asker=asker,
            text=text,
            created_at=created,
            answer_due_on=timezone.localdate(created) + datetime.timedelta(days=days),
        )
        objection.tracking_number = (
            f"ZX{timezone.localdate(created):%Y%m%d}-{objection.pk:05d}"
        )
        if number == 0 and chair is not None:
            objection.answer = (
                "包括小区绿化修剪、垃圾清运和化粪池清掏，发票已在{committee}备查。"
            ).format(committee=_word(community, "committee_short"))
            objection.answered_by = chair
            objection.answered_at = created + datetime.timedelta(days=3)
            objection.status = Objection.Status.ANSWERED
        objection.save()
