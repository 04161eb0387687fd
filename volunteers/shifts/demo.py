"""Demo data for volunteering: skills, teams and coordinators, volunteers (one a minor
with guardian consent), past and upcoming activities with shifts, some full with a
waitlist. Called from `seed_demo` after governance.

Idempotent: profiles are made only for people without one, and an activity (with its
shifts and sign-ups) only when the community has none of that title.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from communities.demo import BLANK_PDF
from communities.management.commands.seed_demo import ensure_resident
from communities.models import Community
from volunteers.profiles import services as profile_services
from volunteers.profiles.models import Skill, VolunteerProfile
from volunteers.shifts import services
from volunteers.shifts.models import Activity, Shift, SignUp, Team

DOMAIN = "demo.gongzhi.cn"
SKILLS = ["助老", "急救", "环境保护", "文艺演出", "课业辅导", "摄影"]
# (local part, display name, skills, availability, service areas, age)
VOLUNTEERS = [
    (
        "resident",
        "林小梅",
        ["助老", "摄影"],
        ["sat-morning", "sun-afternoon"],
        "3号楼、社区广场",
        34,
    ),
    ("resident01", None, ["助老", "急救"], ["sat-morning"], "3号楼", 58),
    ("resident02", None, ["环境保护"], ["sun-afternoon"], "社区广场", 41),
    (
        "resident03",
        None,
        ["课业辅导"],
        ["wed-evening", "sat-afternoon"],
        "社区图书室",
        26,
    ),
    ("resident04", None, ["助老"], ["sat-morning", "sat-afternoon"], "", 63),
    ("resident05", None, ["文艺演出"], ["fri-evening"], "社区广场", 45),
    (
        "resident06",
        None,
        ["助老", "环境保护"],
        ["sat-morning", "sun-afternoon"],
        "",
        37,
    ),
    ("resident07", None, ["急救"], ["sun-afternoon"], "3号楼", 52),
]
MINOR = (
    "volunteer-minor",
    "小雨",
    ["文艺演出", "环境保护"],
    ["sun-afternoon"],
    "社区广场",
    15,
)


def seed(*, admin: Any, communities: list[Community], ensure_user) -> None:
    skills = {name: Skill.objects.get_or_create(name=name)[0] for name in SKILLS}
    first = communities[0]
    volunteers = _seed_volunteers(admin, first, skills, ensure_user)
    team = _seed_team(
        admin,
        first,
        "和平志愿服务队",
        [ensure_user(f"coordinator@{DOMAIN}", "志愿协调员")],
    )
    _seed_activities(admin, first, team, skills, volunteers)
    for community in communities[1:2]:
        lead = ensure_user(f"volunteer-lead-{community.slug}@{DOMAIN}", "志愿队长")
        _seed_team(admin, community, f"{community.name}志愿服务队", [lead])


def _born(age: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(
        year=today.year - age, day=min(today.day, 28)
    ) - datetime.timedelta(days=40)


def _seed_volunteers(admin, community, skills, ensure_user) -> list[Any]:
    people = []
    for number, row in enumerate([*VOLUNTEERS, MINOR], start=300):
        local, name, wanted, availability, areas, age = row
        user = ensure_user(f"{local}@{DOMAIN}", name or local)
        ensure_resident(admin, user, community, number)
        people.append(user)
        if VolunteerProfile.objects.filter(user=user).exists():
            continue
        minor = age < 18
        profile_services.save_profile(
            user=user,
            date_of_birth=_born(age),
            emergency_contact_name="家属",
            emergency_contact_phone="13800138000",
            skills=[skills[s] for s in wanted],
            service_areas=areas,
            availability=availability,
            guardian_name="林建国" if minor else "",
            guardian_phone="13900139000" if minor else "",
            guardian_consent_date=timezone.localdate() if minor else None,
            guardian_consent_form=ContentFile(BLANK_PDF, name="consent.pdf")
            if minor
            else None,
        )
    return people


def _seed_team(admin, community, name, coordinators) -> Team:
    team = Team.objects.filter(community=community, name=name).first()
    if team is None:
        team = services.create_team(
            actor=admin, community=community, name=name, coordinators=coordinators
        )
    return team


def _next(weekday: int, hour: int, *, at_least_days: int = 3) -> datetime.datetime:
    """The first local `weekday` (0 = Monday) at `hour`, at least some days ahead."""
    day = timezone.localdate() + datetime.timedelta(days=at_least_days)
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _activity(admin, community, team, skills, title, **fields) -> Activity | None:
    """A new published activity, or None when the community already has it."""
    if Activity.objects.filter(community=community, title=title).exists():
        return None
    required = [skills[name] for name in fields.pop("required", [])]
    activity = services.create_activity(
        actor=admin,
        community=community,
        team=team,
        title=title,
        required_skills=required,
        **fields,
    )
    return activity


def _seed_activities(admin, community, team, skills, people) -> None:
    lin, *others = people
    minor = people[-1]

    visits = _activity(
        admin,
        community,
        team,
        skills,
        "周六探访独居老人",
        category=Activity.Category.ELDERLY,
        place="3号楼活动室",
        description="两人一组上门探访独居老人，陪伴聊天，检查家中用电安全。",
        required=["助老"],
        minimum_age=16,
        home_visits=True,
    )
    if visits is not None:
        shifts = services.add_weekly_shifts(
            actor=admin,
            activity=visits,
            starts_at=_next(5, 9),
            ends_at=_next(5, 11),
            capacity=3,
            weeks=4,
        )
        services.publish_activity(actor=admin, activity=visits)
        # The first Saturday is full with two people waiting; one then cancels and
        # the first person waiting moves up (and is notified).
        signups = [
            services.sign_up(volunteer=person, shift=shifts[0]) for person in others[:5]
        ]
        services.cancel_sign_up(volunteer=others[0], signup=signups[0])
        services.sign_up(volunteer=others[5], shift=shifts[0])
        services.sign_up(volunteer=others[1], shift=shifts[1])

    cleanup = _activity(
        admin,
        community,
        team,
        skills,
        "社区环境清洁日",
        category=Activity.Category.ENVIRONMENT,
        place="社区广场",
        description="清理绿化带垃圾，整理共享单车，宣传垃圾分类。",
        required=["环境保护"],
    )
    if cleanup is not None:
        shifts = services.add_weekly_shifts(
            actor=admin,
            activity=cleanup,
            starts_at=_next(6, 15),
            ends_at=_next(6, 17),
            capacity=8,
            weeks=2,
        )
        services.publish_activity(actor=admin, activity=cleanup)
        for person in (minor, others[1], others[5]):
            services.sign_up(volunteer=person, shift=shifts[0])

    tutoring = _activity(
        admin,
        community,
        team,
        skills,
        "周三晚课业辅导",
        category=Activity.Category.EDUCATION,
        place="社区图书室",
        description="为双职工家庭的小学生辅导作业。",
        required=["课业辅导"],
        minimum_age=18,
    )
    if tutoring is not None:
        services.add_weekly_shifts(
            actor=admin,
            activity=tutoring,
            starts_at=_next(2, 19),
            ends_at=_next(2, 21),
            capacity=2,
            weeks=3,
        )
        services.publish_activity(actor=admin, activity=tutoring)

    # Paired assistance (对口支援): tagged with the paired region's full name, so
    # the region's page on /pairing/ lists it.
    remote = _activity(
        admin,
        community,
        team,
        skills,
        "武山县结对小学线上课业辅导",
        category=Activity.Category.EDUCATION,
        place="社区图书室（线上）",
        description="每周六上午，与甘肃省武山县结对小学的学生视频连线辅导作业。",
        required=["课业辅导"],
        minimum_age=18,
        paired_region="甘肃省武山县",
    )
    if remote is not None:
        services.add_weekly_shifts(
            actor=admin,
            activity=remote,
            starts_at=_next(5, 9),
            ends_at=_next(5, 11),
            capacity=4,
            weeks=2,
        )
        services.publish_activity(actor=admin, activity=remote)

    _activity(
        admin,
        community,
        team,
        skills,
        "防汛应急演练（筹备中）",
        category=Activity.Category.EMERGENCY,
        place="社区服务站",
        required=["急救"],
    )  # a draft: only coordinators see it

    past = _activity(
        admin,
        community,
        team,
        skills,
        "重阳节敬老活动",
        category=Activity.Category.ELDERLY,
        place="社区服务站",
        description="为社区老人包饺子、量血压、表演节目。",
        required=["助老", "文艺演出"],
    )
    if past is not None:
        services.publish_activity(actor=admin, activity=past)
        # Shifts in the past cannot be made through the services (which refuse
        # them), so the history is written directly.
        start = timezone.now().replace(hour=1, minute=0, second=0, microsecond=0)
        for weeks_ago in (6, 5):
            shift_start = start - datetime.timedelta(weeks=weeks_ago)
            shift = Shift.objects.create(
                activity=past,
                starts_at=shift_start,
                ends_at=shift_start + datetime.timedelta(hours=3),
                capacity=4,
            )
            SignUp.objects.bulk_create(
                SignUp(
                    shift=shift,
                    volunteer=person,
                    status=SignUp.Status.CONFIRMED,
                    created_at=shift_start - datetime.timedelta(days=3),
                )
                for person in [lin, *others[:3]]
            )
