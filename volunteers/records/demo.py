"""Demo data for check-in, hours, certificates, the time bank and the leaderboard.

Called by `seed_demo` as `seed(admin=..., communities=..., ensure_user=...)`. Adds,
in the first community: a team with the demo coordinator, a past activity with three
shifts, a volunteer (with a 68-year-old parent in the same household) whose hours are
confirmed, one pending record to confirm, the time bank switched on with credits, an
issued certificate, and the volunteer on the leaderboard. Idempotent: a second run
finds what the first made and adds nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from communities import services as community_services
from communities.models import Community, Membership
from volunteers.profiles import crypto
from volunteers.profiles.models import VolunteerProfile
from volunteers.records import services as record_services
from volunteers.records.models import Certificate, ServiceRecord
from volunteers.shifts.models import Activity, Attendance, Shift, SignUp, Team

DOMAIN = "demo.gongzhi.cn"
TEAM = "银龄关爱服务队"
ACTIVITY = "敬老院陪伴与读报"
HOUSEHOLD = {"building": "8", "unit": "2", "room": "802"}
VILLAGE_HOUSEHOLD = {"village_group": "第一村民小组", "house_number": "88"}


def _years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


def _resident(admin: Any, user: Any, community: Community) -> None:
    membership = Membership.objects.filter(user=user, community=community).first()
    if membership is None:
        fields = VILLAGE_HOUSEHOLD if community.is_village else HOUSEHOLD
        membership = community_services.request_membership(
            user=user, community=community, **fields
        )
    if membership.status == Membership.Status.PENDING:
        community_services.verify_membership(actor=admin, membership=membership)


def _profile(user: Any, born: datetime.date) -> VolunteerProfile:
    profile, _created = VolunteerProfile.objects.get_or_create(
        user=user,
        defaults={
            "date_of_birth": born,
            "emergency_contact_name": "陈建华",
            "emergency_contact_phone": "13800001234",
            "service_areas": "第一网格",
        },
    )
    return profile


def seed(*, admin: Any, communities: list[Community], ensure_user) -> None:
    community = communities[0]
    policy = community.policy
    if not policy.time_bank_enabled:
        policy.time_bank_enabled = True
        policy.save(update_fields=["time_bank_enabled"])

    coordinator = ensure_user(f"coordinator@{DOMAIN}", "志愿协调员")
    volunteer = ensure_user(f"volunteer@{DOMAIN}", "陈志远")
    if not volunteer.real_name:
        volunteer.real_name = "陈志远"
        volunteer.save(update_fields=["real_name"])
    parent = ensure_user(f"volunteer-parent@{DOMAIN}", "陈老伯")
    helper = ensure_user(f"volunteer2@{DOMAIN}", "周晓彤")
    for person in (volunteer, parent, helper):
        _resident(admin, person, community)
    profile = _profile(volunteer, _years_ago(34))
    if not profile.id_number_encrypted:
        profile.id_number_encrypted = crypto.encrypt("110101199001011234")
    profile.show_on_leaderboard = True
    profile.save(update_fields=["id_number_encrypted", "show_on_leaderboard"])
    _profile(parent, _years_ago(68))
    _profile(helper, _years_ago(26))

    team, _created = Team.objects.get_or_create(
        community=community,
        name=TEAM,
        defaults={"description": "陪伴社区高龄独居老人，读报、聊天、代购。"},
    )
    team.coordinators.add(coordinator)
    activity, _created = Activity.objects.get_or_create(
        community=community,
        title=ACTIVITY,
        defaults={
            "team": team,
            "category": Activity.Category.ELDERLY,
            "place": "幸福里敬老院",
            "description": "每周一次，陪伴老人读报聊天。",
            "status": Activity.Status.PUBLISHED,
            "published_at": timezone.now(),
            "created_by": coordinator,
        },
    )
    if not activity.shifts.exists():
        _past_shifts(activity, coordinator, volunteer, helper)

    if not Certificate.objects.filter(volunteer=volunteer).exists():
        today = timezone.localdate()
        record_services.issue_certificates(
            volunteer=volunteer,
            period_start=today - datetime.timedelta(days=90),
            period_end=today,
        )


def _past_shifts(activity: Activity, coordinator, volunteer, helper) -> None:
    """Three weekly shifts in the past; the volunteer served all, the helper the last."""
    now = timezone.localtime()
    base = now.replace(hour=9, minute=0, second=0, microsecond=0)
    for weeks_ago in (3, 2, 1):
        starts = base - datetime.timedelta(weeks=weeks_ago)
        shift = Shift.objects.create(
            activity=activity,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
            capacity=4,
        )
        people = [volunteer] + ([helper] if weeks_ago == 1 else [])
        for person in people:
            signup = SignUp.objects.create(
                shift=shift,
                volunteer=person,
                status=SignUp.Status.CONFIRMED,
                created_at=starts - datetime.timedelta(days=3),
            )
            arrived = starts - datetime.timedelta(minutes=10)
            left = starts + datetime.timedelta(hours=2, minutes=45)
            Attendance.objects.create(
                signup=signup,
                checked_in_at=arrived,
                checked_in_by=coordinator,
                checked_in_via=Attendance.Via.ROSTER,
                checked_out_at=left,
                checked_out_by=coordinator,
            )
            hours = Decimal("2.75")
            record = ServiceRecord.objects.create(
                signup=signup,
                volunteer=person,
                community=activity.community,
                team=activity.team,
                served_on=starts.date(),
                started_at=starts,
                ended_at=left,
                measured_hours=hours,
                hours=hours,
                created_by=coordinator,
            )
            if person == helper:
                continue  # left pending for the coordinator to confirm
            record_services.confirm_record(actor=coordinator, service_record=record)
