"""Matching volunteers and shifts: "for you" and suggested volunteers (reads).

Both directions use one scoring function, `score`, so a volunteer's "for you" list
and a coordinator's suggested volunteers rank the same way and give the same
reasons. Candidates are filtered in the database (published, upcoming, in the
person's communities, old enough, no overlap, not already signed up or invited)
and pre-ranked there by the same signals, so Python scores a bounded set
(`CANDIDATES`) whatever the size of the data: the page's query count is fixed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, ExtractHour, ExtractIsoWeekDay
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Membership
from communities.selectors import verified_residents
from volunteers.matching.models import Invitation
from volunteers.profiles.models import (
    ADULT_AGE,
    DAYS,
    MINIMUM_AGE,
    PARTS_OF_DAY,
    VolunteerProfile,
)
from volunteers.shifts.models import Activity, Shift, SignUp

# How far ahead "for you" looks, and how many candidates Python scores at most.
HORIZON = datetime.timedelta(days=60)
CANDIDATES = 200
SHOWN = 20
# Points per signal; the database pre-ranking uses the same numbers.
SKILL_POINTS = 3
FREE_POINTS = 2
AREA_POINTS = 2
# Local hours [from, to) of each part of the day in the availability grid.
PART_HOURS = {"morning": (0, 12), "afternoon": (12, 18), "evening": (18, 24)}
DAY_KEYS = [key for key, _label in DAYS]  # ISO weekday 1..7 -> index + 1
DAY_LABELS = dict(DAYS)
PART_LABELS = dict(PARTS_OF_DAY)
AREA_SPLIT = re.compile(r"[\s,，、;；/|]+")
LIVE = ~Q(status=SignUp.Status.CANCELLED)


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


# ---------------------------------------------------------------------------
# Signals: slots, areas, reasons, the score
# ---------------------------------------------------------------------------
def part_of(hour: int) -> str:
    for part, (start, end) in PART_HOURS.items():
        if start <= hour < end:
            return part
    return "evening"


def shift_slots(starts_at: datetime.datetime, ends_at: datetime.datetime) -> list[str]:
    """The availability-grid slots (e.g. "sat-morning") a shift covers, in local time."""
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at) - datetime.timedelta(minutes=1)
    day = DAY_KEYS[start.weekday()]
    parts = [part for part, _label in PARTS_OF_DAY]
    first = parts.index(part_of(start.hour))
    last = parts.index(part_of(end.hour)) if end.date() == start.date() else 2
    return [f"{day}-{part}" for part in parts[first : max(first, last) + 1]]


def area_tokens(text: str) -> list[str]:
    """Service areas as typed ("3号楼、社区广场"): the words a place is matched on."""
    return [token for token in AREA_SPLIT.split(text or "") if len(token) >= 2]


def slot_label(slot: str) -> str:
    day, part = slot.split("-")
    return f"{DAY_LABELS[day]} {PART_LABELS[part]}"


@dataclass(frozen=True)
class Reason:
    """Why a match was suggested; worded for the volunteer or for the coordinator."""

    kind: str  # "skill", "free", "area"
    detail: str

    def for_volunteer(self) -> str:
        if self.kind == "skill":
            return _("matches your skill %(skill)s") % {"skill": self.detail}
        if self.kind == "free":
            return _("you are free %(when)s") % {"when": self.detail}
        return _("in your service area (%(area)s)") % {"area": self.detail}

    def for_coordinator(self) -> str:
        if self.kind == "skill":
            return _("has the skill %(skill)s") % {"skill": self.detail}
        if self.kind == "free":
            return _("is free %(when)s") % {"when": self.detail}
        return _("serves the area %(area)s") % {"area": self.detail}


@dataclass
class Match:
    """One ranked pairing of a volunteer profile and a shift."""

    shift: Shift
    profile: VolunteerProfile
    score: int
    reasons: list[Reason] = field(default_factory=list)

    @property
    def volunteer_reasons(self) -> list[str]:
        return [reason.for_volunteer() for reason in self.reasons]

    @property
    def coordinator_reasons(self) -> list[str]:
        return [reason.for_coordinator() for reason in self.reasons]

    @property
    def is_full(self) -> bool:
        return self.shift.places_left <= 0


def score(
    *,
    skills: dict[int, str],
    availability: set[str],
    areas: list[str],
    shift: Shift,
    required: dict[int, str],
) -> tuple[int, list[Reason]]:
    """Points and reasons for one profile (skills, grid, areas) and one shift."""
    reasons: list[Reason] = []
    points = 0
    matched = [required[pk] for pk in required if pk in skills]
    if matched:
        points += SKILL_POINTS * len(matched)
        reasons.append(Reason("skill", "、".join(sorted(matched))))
    slots = shift_slots(shift.starts_at, shift.ends_at)
    if slots and all(slot in availability for slot in slots):
        points += FREE_POINTS
        reasons.append(Reason("free", slot_label(slots[0])))
    place = f"{shift.activity.place} {shift.activity.community.name}"
    hits = [token for token in areas if token in place]
    if hits:
        points += AREA_POINTS
        reasons.append(Reason("area", "、".join(hits)))
    return points, reasons


def _profile_signals(profile: VolunteerProfile) -> dict[str, Any]:
    return {
        "skills": {skill.pk: skill.name for skill in profile.skills.all()},
        "availability": set(profile.availability or []),
        "areas": area_tokens(profile.service_areas),
    }


def _born_by(age: int, day: datetime.date) -> datetime.date:
    """The latest birth date of someone who is `age` or older on `day`."""
    try:
        return day.replace(year=day.year - age)
    except ValueError:  # 29 February
        return day.replace(year=day.year - age, day=28)


def with_place_counts(queryset):
    """Confirmed and waiting counts as subqueries (no GROUP BY over the candidates)."""

    def counted(status: str):
        return Coalesce(
            Subquery(
                SignUp.objects.filter(shift=OuterRef("pk"), status=status)
                .order_by()
                .values("shift")
                .annotate(n=Count("pk"))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            0,
        )

    return queryset.annotate(
        confirmed_count=counted(SignUp.Status.CONFIRMED),
        waiting_count=counted(SignUp.Status.WAITING),
    )


def _overlapping_live_signup(user_ref) -> Exists:
    return Exists(
        SignUp.objects.filter(LIVE, volunteer=user_ref).filter(
            shift__starts_at__lt=OuterRef("ends_at"),
            shift__ends_at__gt=OuterRef("starts_at"),
        )
    )


# ---------------------------------------------------------------------------
# "For you": shifts for one volunteer
# ---------------------------------------------------------------------------
def profile_version_key(user_id: int) -> str:
    return f"volunteers:profile-version:{user_id}"


def profile_version(user_id: int) -> int:
    """A number that changes whenever the person's volunteer profile is saved."""
    return cache.get(profile_version_key(user_id)) or 0


@dataclass
class ForYou:
    profile: VolunteerProfile | None
    matches: list[Match]

    @property
    def is_active(self) -> bool:
        return self.profile is not None and self.profile.is_active


def suggestions_for(user: Any, *, limit: int = SHOWN) -> ForYou:
    """Upcoming shifts the person can take, ranked, each with its reasons.

    Four queries whatever the data: the profile, its skills, the candidates with
    their counts (one statement), and the candidates' required skills.
    """
    profile = (
        VolunteerProfile.objects.filter(user=user).prefetch_related("skills").first()
    )
    if profile is None or not profile.is_active:
        return ForYou(profile, [])
    signals = _profile_signals(profile)
    now = timezone.now()
    horizon = now + HORIZON
    communities = Membership.objects.filter(
        user=user, status=Membership.Status.VERIFIED
    ).values("community_id")
    candidates = Shift.objects.filter(
        starts_at__gt=now,
        starts_at__lte=horizon,
        activity__status=Activity.Status.PUBLISHED,
        activity__community__in=communities,
        activity__minimum_age__lte=profile.age(timezone.localdate(horizon)),
    ).exclude(_overlapping_live_signup(user.pk))
    shifts = list(
        with_place_counts(_ranked_shifts(candidates, signals))
        .select_related("activity__community")
        .prefetch_related("activity__required_skills")[:CANDIDATES]
    )
    matches = []
    for shift in shifts:
        activity = shift.activity
        if profile.age(timezone.localdate(shift.starts_at)) < activity.minimum_age:
            continue
        required = {skill.pk: skill.name for skill in activity.required_skills.all()}
        points, reasons = score(shift=shift, required=required, **signals)
        if points > 0:
            matches.append(Match(shift, profile, points, reasons))
    matches.sort(key=lambda m: (-m.score, m.is_full, m.shift.starts_at, m.shift.pk))
    return ForYou(profile, matches[:limit])


def _ranked_shifts(queryset, signals: dict[str, Any]):
    """The score's signals as SQL over shifts, to rank candidates in the database."""
    tz = _tz()
    skill_hits = Coalesce(
        Subquery(
            Activity.required_skills.through.objects.filter(
                activity_id=OuterRef("activity_id"),
                skill_id__in=list(signals["skills"]),
            )
            .order_by()
            .values("activity_id")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )
    free: Any = Value(0)
    whens = []
    for slot in sorted(signals["availability"]):
        day, part = slot.split("-")
        start, end = PART_HOURS[part]
        whens.append(
            When(
                Q(
                    gz_weekday=DAY_KEYS.index(day) + 1,
                    gz_hour__gte=start,
                    gz_hour__lt=end,
                ),
                then=Value(FREE_POINTS),
            )
        )
    if whens:
        free = Case(*whens, default=Value(0), output_field=IntegerField())
    area: Any = Value(0)
    if signals["areas"]:
        near = Q()
        for token in signals["areas"]:
            near |= Q(activity__place__contains=token)
            near |= Q(activity__community__name__contains=token)
        area = Case(
            When(near, then=Value(AREA_POINTS)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return (
        queryset.annotate(
            gz_weekday=ExtractIsoWeekDay("starts_at", tzinfo=tz),
            gz_hour=ExtractHour("starts_at", tzinfo=tz),
        )
        .annotate(gz_skill_hits=skill_hits)
        .annotate(
            prescore=F("gz_skill_hits") * SKILL_POINTS + free + area,
        )
        .order_by("-prescore", "starts_at", "pk")
    )


# ---------------------------------------------------------------------------
# Suggested volunteers for one shift (the coordinator's side)
# ---------------------------------------------------------------------------
def is_understaffed(shift: Shift) -> bool:
    """Upcoming with places left (needs `places_left`, i.e. the counts)."""
    return shift.starts_at > timezone.now() and shift.places_left > 0


def suggested_volunteers(
    shift: Shift, *, limit: int = SHOWN, only: Any = None
) -> list[Match]:
    """Active volunteers of the shift's community who could take it, ranked.

    Excludes people too young on the day, not active (minors without consent),
    already signed up or busy at that time, and anyone already invited to it.
    Three queries whatever the data: the required skills, the candidate profiles
    (one statement), and their skills. `only` narrows it to one person (is this
    person a suggestion for the shift, whatever the bound?).
    """
    activity = shift.activity
    community = activity.community
    required = {skill.pk: skill.name for skill in activity.required_skills.all()}
    today = timezone.localdate()
    on_the_day = timezone.localdate(shift.starts_at)
    residents = verified_residents(community).values("pk")
    consent = (
        ~Q(guardian_name="")
        & ~Q(guardian_phone="")
        & Q(guardian_consent_date__isnull=False)
        & ~Q(guardian_consent_form="")
    )
    busy = Exists(
        SignUp.objects.filter(LIVE, volunteer=OuterRef("user_id")).filter(
            shift__starts_at__lt=shift.ends_at, shift__ends_at__gt=shift.starts_at
        )
    )
    invited = Exists(
        Invitation.objects.filter(shift=shift, volunteer=OuterRef("user_id"))
    )
    slots = shift_slots(shift.starts_at, shift.ends_at)
    availability_text = Cast("availability", TextField())
    free_q = Q()
    for slot in slots:
        free_q &= Q(gz_availability__contains=f'"{slot}"')
    skill_hits = Coalesce(
        Subquery(
            VolunteerProfile.skills.through.objects.filter(
                volunteerprofile_id=OuterRef("pk"), skill_id__in=list(required)
            )
            .order_by()
            .values("volunteerprofile_id")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )
    candidates = (
        VolunteerProfile.objects.filter(
            user_id__in=residents,
            date_of_birth__lte=_born_by(
                max(activity.minimum_age, MINIMUM_AGE), on_the_day
            ),
        )
        .filter(date_of_birth__lte=_born_by(MINIMUM_AGE, today))
        .filter(Q(date_of_birth__lte=_born_by(ADULT_AGE, today)) | consent)
        .filter(**({"user": only} if only is not None else {}))
        .exclude(busy)
        .exclude(invited)
        .annotate(gz_availability=availability_text, gz_skill_hits=skill_hits)
        .annotate(
            prescore=F("gz_skill_hits") * SKILL_POINTS
            + Case(
                When(free_q, then=Value(FREE_POINTS)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-prescore", "pk")
        .select_related("user")
        .prefetch_related("skills")[:CANDIDATES]
    )
    matches = []
    for profile in candidates:
        points, reasons = score(
            shift=shift, required=required, **_profile_signals(profile)
        )
        if points > 0:
            matches.append(Match(shift, profile, points, reasons))
    matches.sort(key=lambda m: (-m.score, m.profile.pk))
    return matches[:limit]
