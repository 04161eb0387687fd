"""Every write of the volunteers app: profiles, teams, activities, shifts, sign-ups.

A shift's capacity is guarded by the database: `sign_up` and `cancel_sign_up` lock
the shift row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
serialise writers), so counting places and taking one happen as one step.
"""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.rules import is_verified_resident
from notifications.services import notify
from volunteers import crypto
from volunteers.consumers import shift_group
from volunteers.models import (
    AVAILABILITY_SLOTS,
    MINIMUM_AGE,
    Activity,
    Shift,
    SignUp,
    Skill,
    Team,
    VolunteerProfile,
    age_on,
)

MAX_WEEKS = 52


def _push_places(shift_id: int) -> None:
    """Tell open activity pages to re-read the shift's places (after commit)."""
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(
            shift_group(shift_id), {"type": "volunteers.changed"}
        )


def _push_after_commit(shift_id: int) -> None:
    transaction.on_commit(partial(_push_places, shift_id))


# ---------------------------------------------------------------------------
# Profiles
# ---------------------------------------------------------------------------
@transaction.atomic
def save_profile(
    *,
    user: Any,
    date_of_birth: datetime.date,
    emergency_contact_name: str,
    emergency_contact_phone: str,
    skills: list[Skill] | None = None,
    other_skills: str = "",
    service_areas: str = "",
    availability: list[str] | None = None,
    id_number: str | None = None,
    guardian_name: str = "",
    guardian_phone: str = "",
    guardian_consent_date: datetime.date | None = None,
    guardian_consent_form: UploadedFile | None = None,
) -> VolunteerProfile:
    """Create or update a person's volunteer profile.

    Under 14 is refused (only through a guardian's account). Ages 14-17 are saved
    but stay inactive until a complete guardian consent is recorded. `id_number`
    None keeps the stored one; "" removes it.
    """
    if age_on(date_of_birth, timezone.localdate()) < MINIMUM_AGE:
        raise ValidationError(
            {
                "date_of_birth": _(
                    "Volunteers must be at least 14 years old. Younger children can "
                    "only take part through a guardian's account."
                )
            }
        )
    availability = [slot for slot in availability or [] if slot in AVAILABILITY_SLOTS]
    profile = VolunteerProfile.objects.filter(user=user).first()
    creating = profile is None
    if creating:
        profile = VolunteerProfile(user=user)
    profile.date_of_birth = date_of_birth
    profile.emergency_contact_name = emergency_contact_name
    profile.emergency_contact_phone = emergency_contact_phone
    profile.other_skills = other_skills
    profile.service_areas = service_areas
    profile.availability = availability
    fields = [
        "date_of_birth",
        "emergency_contact_name",
        "emergency_contact_phone",
        "other_skills",
        "service_areas",
        "availability",
    ]
    if id_number is not None:
        profile.id_number_encrypted = crypto.encrypt(id_number.strip().upper())
        fields.append("id_number_encrypted")
    if guardian_consent_form is not None:
        profile.guardian_name = guardian_name
        profile.guardian_phone = guardian_phone
        profile.guardian_consent_date = guardian_consent_date
        profile.guardian_consent_form = guardian_consent_form
        fields += [
            "guardian_name",
            "guardian_phone",
            "guardian_consent_date",
            "guardian_consent_form",
        ]
    if creating:
        profile.save()
    else:
        profile.save(update_fields=[*fields, "updated_at"])
    profile.skills.set(skills or [])
    if guardian_consent_form is not None:
        record(
            actor=user,
            action="volunteers.guardian_consent_recorded",
            target=profile,
            data={"guardian_name": guardian_name},
        )
    if hasattr(user, "_gz_volunteer_profile"):
        del user._gz_volunteer_profile
    return profile


# ---------------------------------------------------------------------------
# Teams, activities, shifts
# ---------------------------------------------------------------------------
@transaction.atomic
def create_team(
    *,
    actor: Any,
    community: Any,
    name: str,
    description: str = "",
    coordinators: list[Any] | None = None,
) -> Team:
    """Add a volunteer team to a community, optionally listing its coordinators."""
    if Team.objects.filter(community=community, name=name).exists():
        raise ValidationError(
            {"name": _("This community already has a team of that name.")}
        )
    team = Team.objects.create(community=community, name=name, description=description)
    team.coordinators.set(coordinators or [])
    record(
        actor=actor, action="volunteers.team_created", target=team, community=community
    )
    return team


@transaction.atomic
def create_activity(
    *,
    actor: Any,
    community: Any,
    title: str,
    category: str,
    place: str,
    description: str = "",
    team: Team | None = None,
    required_skills: list[Skill] | None = None,
    minimum_age: int = MINIMUM_AGE,
) -> Activity:
    """Create a draft activity; it is shown to residents once published."""
    if team is not None and team.community_id != community.pk:
        raise ValidationError({"team": _("Choose a team of this community.")})
    if minimum_age < MINIMUM_AGE:
        raise ValidationError({"minimum_age": _("The minimum age cannot be below 14.")})
    activity = Activity.objects.create(
        community=community,
        team=team,
        title=title,
        description=description,
        category=category,
        place=place,
        minimum_age=minimum_age,
        created_by=actor,
    )
    activity.required_skills.set(required_skills or [])
    record(
        actor=actor,
        action="volunteers.activity_created",
        target=activity,
        community=community,
    )
    return activity


@transaction.atomic
def publish_activity(*, actor: Any, activity: Activity) -> Activity:
    """Publish a draft activity to the community (once)."""
    if activity.is_published:
        raise ValidationError(_("This activity is already published."))
    activity.status = Activity.Status.PUBLISHED
    activity.published_at = timezone.now()
    activity.save(update_fields=["status", "published_at"])
    record(
        actor=actor,
        action="volunteers.activity_published",
        target=activity,
        community=activity.community,
    )
    return activity


def _check_shift_times(
    starts_at: datetime.datetime, ends_at: datetime.datetime
) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A shift must end after it starts.")})
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("A new shift must start in the future.")})


@transaction.atomic
def add_weekly_shifts(
    *,
    actor: Any,
    activity: Activity,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    weeks: int = 1,
) -> list[Shift]:
    """Add a shift, repeated on the same weekday and time for `weeks` weeks.

    The first shift is the template; each copy is seven days after the one before
    (in local time, so a daylight-saving change keeps the wall-clock time).
    """
    _check_shift_times(starts_at, ends_at)
    if capacity < 1:
        raise ValidationError({"capacity": _("A shift needs at least one place.")})
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError(
            {"weeks": _("Repeat for between 1 and %(max)s weeks.") % {"max": MAX_WEEKS}}
        )
    local_start = timezone.localtime(starts_at)
    duration = ends_at - starts_at
    shifts = []
    for week in range(weeks):
        naive = local_start.replace(tzinfo=None) + datetime.timedelta(weeks=week)
        start = timezone.make_aware(naive)
        shifts.append(
            Shift(
                activity=activity,
                starts_at=start,
                ends_at=start + duration,
                capacity=capacity,
            )
        )
    created = Shift.objects.bulk_create(shifts)
    record(
        actor=actor,
        action="volunteers.shifts_added",
        target=activity,
        community=activity.community,
        data={"count": len(created), "capacity": capacity},
    )
    return created


# ---------------------------------------------------------------------------
# Sign-up and cancellation
# ---------------------------------------------------------------------------
def _refuse(message: str) -> ValidationError:
    return ValidationError(message)


@transaction.atomic
def sign_up(*, volunteer: Any, shift: Shift) -> SignUp:
    """Take a place on a shift, or the next place on its waitlist.

    Refused unless the activity is published, the shift has not started, the
    person is an active volunteer and a verified resident of the community, old
    enough for the activity, not already signed up and free at that time.
    """
    shift = (
        Shift.objects.select_for_update()
        .select_related("activity__community")
        .get(pk=shift.pk)
    )
    activity = shift.activity
    if not activity.is_published:
        raise _refuse(_("This activity is not open for sign-up."))
    if shift.starts_at <= timezone.now():
        raise _refuse(_("This shift has already started."))
    # Lock the person's profile too: their own overlapping sign-ups serialise.
    profile = (
        VolunteerProfile.objects.select_for_update().filter(user=volunteer).first()
    )
    if profile is None:
        raise _refuse(_("Complete your volunteer profile before signing up."))
    if not profile.is_active:
        raise _refuse(
            _(
                "Your volunteer profile is not active yet: volunteers under 18 need "
                "a recorded guardian consent."
            )
        )
    if not is_verified_resident(volunteer, activity.community):
        raise _refuse(
            _("Only verified residents of %(community)s can sign up.")
            % {"community": activity.community.name}
        )
    if profile.age(timezone.localdate(shift.starts_at)) < activity.minimum_age:
        raise _refuse(
            _("This activity is for volunteers aged %(age)s or older.")
            % {"age": activity.minimum_age}
        )
    live = SignUp.objects.filter(volunteer=volunteer).exclude(
        status=SignUp.Status.CANCELLED
    )
    if live.filter(shift=shift).exists():
        raise _refuse(_("You are already signed up for this shift."))
    if live.filter(
        shift__starts_at__lt=shift.ends_at, shift__ends_at__gt=shift.starts_at
    ).exists():
        raise _refuse(_("You are already signed up for another shift at that time."))
    taken = SignUp.objects.filter(shift=shift, status=SignUp.Status.CONFIRMED).count()
    status = (
        SignUp.Status.CONFIRMED if taken < shift.capacity else SignUp.Status.WAITING
    )
    signup = SignUp.objects.create(shift=shift, volunteer=volunteer, status=status)
    _push_after_commit(shift.pk)
    return signup


def cancellation_closes_at(shift: Shift) -> datetime.datetime:
    """When a confirmed place can no longer be given up (the community's cut-off)."""
    hours = shift.activity.community.policy.shift_cancellation_cutoff_hours
    return shift.starts_at - datetime.timedelta(hours=hours)


@transaction.atomic
def cancel_sign_up(*, volunteer: Any, signup: SignUp) -> SignUp:
    """Give up a place (until the cut-off) or leave the waitlist (any time before start).

    When a confirmed place frees, the first person waiting moves up and is notified.
    """
    shift = (
        Shift.objects.select_for_update()
        .select_related("activity__community")
        .get(pk=signup.shift_id)
    )
    signup = SignUp.objects.get(pk=signup.pk)
    if signup.volunteer_id != volunteer.pk:
        raise _refuse(_("This is not your sign-up."))
    if signup.status == SignUp.Status.CANCELLED:
        raise _refuse(_("This sign-up is already cancelled."))
    now = timezone.now()
    if signup.status == SignUp.Status.CONFIRMED and now >= cancellation_closes_at(
        shift
    ):
        raise _refuse(
            _(
                "Cancellation closed %(hours)s hours before the shift starts. Please "
                "contact the coordinator."
            )
            % {"hours": shift.activity.community.policy.shift_cancellation_cutoff_hours}
        )
    if signup.status == SignUp.Status.WAITING and now >= shift.starts_at:
        raise _refuse(_("This shift has already started."))
    freed = signup.status == SignUp.Status.CONFIRMED
    signup.status = SignUp.Status.CANCELLED
    signup.cancelled_at = now
    signup.save(update_fields=["status", "cancelled_at"])
    if freed:
        _move_up_first_waiting(shift)
    _push_after_commit(shift.pk)
    return signup


def _move_up_first_waiting(shift: Shift) -> SignUp | None:
    """Give freed places to the waitlist in order; the shift row is locked."""
    taken = SignUp.objects.filter(shift=shift, status=SignUp.Status.CONFIRMED).count()
    free = shift.capacity - taken
    if free <= 0:
        return None
    waiting = list(
        SignUp.objects.filter(shift=shift, status=SignUp.Status.WAITING)
        .select_related("volunteer")
        .order_by("created_at", "pk")[:free]
    )
    for entry in waiting:
        entry.status = SignUp.Status.CONFIRMED
        entry.save(update_fields=["status"])
        activity = shift.activity
        notify(
            recipients=entry.volunteer,
            kind="volunteers.moved_up",
            title=_("You have a place on %(activity)s") % {"activity": activity.title},
            body=_("A place became free on the shift of %(when)s, and it is yours.")
            % {"when": timezone.localtime(shift.starts_at).strftime("%Y-%m-%d %H:%M")},
            url=reverse(
                "volunteers:activity", args=[activity.community.slug, activity.pk]
            ),
        )
    return waiting[0] if waiting else None
