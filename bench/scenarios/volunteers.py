"""Volunteering pages: a community's activity list, an activity page, "for you".

`seed_scale` builds residents and a few shifts per community; the first time a scenario asks for its path,
`ensure_data` adds volunteering data at the same scale with bulk inserts (about a
minute for 5,000 shifts on SQLite): for every `scale-*` community a team, activities
with required skills, weekly shifts over the next eight weeks (5,000 in all),
volunteer profiles for a fifth of the residents and sign-ups filling some shifts.
It tops up nothing once shifts exist, so re-runs reuse the data.
"""

from __future__ import annotations

import datetime
import random

from bench.scenarios import Scenario

SHIFTS = 5_000
ACTIVITIES_PER_COMMUNITY = 5
PROFILE_SHARE = 5  # one resident in five has a volunteer profile
BATCH = 2_000
SKILLS = [
    "助老",
    "急救",
    "环境保护",
    "文艺演出",
    "课业辅导",
    "摄影",
    "理发",
    "维修",
    "心理疏导",
    "法律咨询",
]
PLACES = ["3号楼活动室", "社区广场", "社区图书室", "社区服务站", "老年活动中心"]
SLOTS = [
    f"{day}-{part}"
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    for part in ("morning", "afternoon", "evening")
]


def _communities():
    from communities.models import Community

    scale = Community.objects.filter(slug__startswith="scale-").order_by("pk")
    return list(scale) or list(Community.objects.order_by("pk"))


def _bench_member():
    """The resident bench/run.py signs in as."""
    from communities.models import Membership

    return Membership.objects.verified().select_related("user").order_by("pk").first()


def ensure_data(*, shifts: int = SHIFTS, seed: int = 7) -> None:
    """Build volunteering data at scale once (see the module docstring)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from communities.models import Membership
    from volunteers.models import (
        Activity,
        Shift,
        SignUp,
        Skill,
        Team,
        VolunteerProfile,
    )

    communities = _communities()
    # seed_scale makes shifts but no sign-ups: the sign-ups mark this data.
    if SignUp.objects.filter(shift__activity__community__in=communities).exists():
        return
    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        skills = [Skill.objects.get_or_create(name=name)[0] for name in SKILLS]
        Team.objects.bulk_create(
            [Team(community=c, name=f"{c.name}志愿服务队") for c in communities],
            ignore_conflicts=True,
        )
        teams = dict(
            Team.objects.filter(community__in=communities).values_list(
                "community_id", "pk"
            )
        )
        categories = [value for value, _label in Activity.Category.choices]
        activities = Activity.objects.bulk_create(
            [
                Activity(
                    community=c,
                    team_id=teams[c.pk],
                    title=f"{c.name}志愿活动{n + 1}",
                    description="定期志愿服务。",
                    category=categories[n % len(categories)],
                    place=PLACES[n % len(PLACES)],
                    status=Activity.Status.PUBLISHED,
                    published_at=now,
                )
                for c in communities
                for n in range(ACTIVITIES_PER_COMMUNITY)
            ],
            batch_size=BATCH,
        )
        through = Activity.required_skills.through
        through.objects.bulk_create(
            [
                through(activity_id=a.pk, skill_id=s.pk)
                for a in activities
                for s in rng.sample(skills, 2)
            ],
            batch_size=BATCH,
        )
        per_activity = max(shifts // len(activities), 1)
        today = timezone.localdate()
        shift_rows = []
        for index, activity in enumerate(activities):
            hour = (8, 14, 19)[index % 3]
            for n in range(per_activity):
                day = today + datetime.timedelta(days=1 + (index + n * 3) % 56)
                start = timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(hour))
                )
                shift_rows.append(
                    Shift(
                        activity=activity,
                        starts_at=start,
                        ends_at=start + datetime.timedelta(hours=2),
                        capacity=rng.choice((3, 5, 8, 10)),
                    )
                )
        created_shifts = Shift.objects.bulk_create(shift_rows, batch_size=BATCH)

        member = _bench_member()
        users = list(
            Membership.objects.verified()
            .filter(community__in=communities)
            .order_by("pk")
            .values_list("user_id", "community_id")[::PROFILE_SHARE]
        )
        if member is not None and (member.user_id, member.community_id) not in users:
            users.insert(0, (member.user_id, member.community_id))
        have = set(VolunteerProfile.objects.values_list("user_id", flat=True))
        born = today.replace(year=today.year - 35, day=min(today.day, 28))
        profiles = VolunteerProfile.objects.bulk_create(
            [
                VolunteerProfile(
                    user_id=user_id,
                    date_of_birth=born,
                    emergency_contact_name="家属",
                    emergency_contact_phone="13800138000",
                    service_areas=rng.choice(PLACES),
                    availability=rng.sample(SLOTS, 4),
                )
                for user_id, _c in users
                if user_id not in have
            ],
            batch_size=BATCH,
        )
        profile_through = VolunteerProfile.skills.through
        profile_through.objects.bulk_create(
            [
                profile_through(volunteerprofile_id=p.pk, skill_id=s.pk)
                for p in profiles
                for s in rng.sample(skills, 2)
            ],
            batch_size=BATCH,
        )
        # Sign-ups: residents of the shift's community, each person on one shift per
        # activity at most, so nobody overlaps; about a third of shifts end up full.
        by_community: dict[int, list[int]] = {}
        for user_id, community_id in users[1:]:
            by_community.setdefault(community_id, []).append(user_id)
        signups = []
        for shift in created_shifts:
            pool = by_community.get(shift.activity.community_id, [])
            wanted = min(len(pool), rng.choice((0, 1, 2, shift.capacity + 2)))
            for rank, user_id in enumerate(rng.sample(pool, wanted)):
                signups.append(
                    SignUp(
                        shift=shift,
                        volunteer_id=user_id,
                        status=SignUp.Status.CONFIRMED
                        if rank < shift.capacity
                        else SignUp.Status.WAITING,
                        created_at=now,
                    )
                )
        SignUp.objects.bulk_create(signups, batch_size=BATCH, ignore_conflicts=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _activity_list() -> str:
    from django.urls import reverse

    ensure_data()
    member = _bench_member()
    return reverse("volunteers:activity-list", args=[member.community.slug])


def _activity_page() -> str:
    from django.urls import reverse

    from volunteers.models import Activity

    ensure_data()
    member = _bench_member()
    activity = (
        Activity.objects.published()
        .filter(community=member.community)
        .order_by("pk")
        .first()
    )
    return reverse("volunteers:activity", args=[member.community.slug, activity.pk])


def _for_you() -> str:
    from django.urls import reverse

    ensure_data()
    return reverse("volunteers:for-you")


SCENARIOS = [
    Scenario("volunteer_activity_list", _activity_list),
    Scenario("volunteer_activity", _activity_page),
    Scenario("volunteer_for_you", _for_you, signed_in=True),
]
