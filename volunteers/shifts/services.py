"""Every write about teams, activities, shifts, sign-ups and check-in.

A shift's capacity is guarded by the database: `sign_up` and `cancel_sign_up` lock
the shift row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
serialise writers), so counting places and taking one happen as one step.

Only a person with a confirmed place on the shift is checked in, from one hour
before the shift until it ends; by the coordinator (roster) or by the person
scanning the coordinator's short-lived QR code (a signed token with an expiry).
Check-out, which makes the service record, is in volunteers.records.services.
"""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.rules import is_verified_resident
from config import pushes
from notifications.services import notify
from volunteers.profiles import services as profile_services
from volunteers.profiles.models import MINIMUM_AGE, Skill
from volunteers.shifts import selectors
from volunteers.shifts.consumers import shift_group
from volunteers.shifts.models import Activity, Attendance, Shift, SignUp, Team

MAX_WEEKS = 52
CHECK_IN_OPENS_BEFORE = datetime.timedelta(hours=1)
QR_TOKEN_SECONDS = 180  # the coordinator's page shows a fresh code every minute
QR_SALT = "volunteers.check-in"
REMINDER_AHEAD = datetime.timedelta(hours=24)


def _push_places(shift_id: int) -> None:
    """Tell open activity pages to re-read the shift's places (after commit)."""
    pushes.group_send(shift_group(shift_id), {"type": "volunteers.changed"})


def _push_after_commit(shift_id: int) -> None:
    transaction.on_commit(partial(_push_places, shift_id))


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
    home_visits: bool = False,
    paired_region: str = "",
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
        home_visits=home_visits,
        paired_region=paired_region.strip(),
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

    Only the shift's row is locked and re-read (its times and places): locking
    the activity and community rows too would make every sign-up in the
    community wait for every other one, whatever the shift. The activity is the
    caller's, read with the shift just before. Residency is read before the
    locks (it is not locked), so the locked part is only what must be.
    """
    activity = shift.activity
    if not activity.is_published:
        raise _refuse(_("This activity is not open for sign-up."))
    verified = is_verified_resident(volunteer, activity.community)
    shift = selectors.locked_shift(shift.pk)
    shift.activity = activity
    if shift.starts_at <= timezone.now():
        raise _refuse(_("This shift has already started."))
    # Lock the person's profile too: their own overlapping sign-ups serialise.
    profile = selectors.locked_profile(volunteer.pk)
    if profile is None:
        raise _refuse(_("Complete your volunteer profile before signing up."))
    if not profile.is_active:
        raise _refuse(
            _(
                "Your volunteer profile is not active yet: volunteers under 18 need "
                "a recorded guardian consent."
            )
        )
    if not verified:
        raise _refuse(
            _("Only verified residents of %(community)s can sign up.")
            % {"community": activity.community.name}
        )
    if profile.age(timezone.localdate(shift.starts_at)) < activity.minimum_age:
        raise _refuse(
            _("This activity is for volunteers aged %(age)s or older.")
            % {"age": activity.minimum_age}
        )
    # Under the shift's lock, in one query: the person's live sign-ups at an
    # overlapping time and the places taken on this shift.
    here, clashing, taken = selectors.sign_up_counts(volunteer.pk, shift)
    if here:
        raise _refuse(_("You are already signed up for this shift."))
    if clashing:
        raise _refuse(_("You are already signed up for another shift at that time."))
    status = (
        SignUp.Status.CONFIRMED if taken < shift.capacity else SignUp.Status.WAITING
    )
    signup = SignUp.objects.create(shift=shift, volunteer=volunteer, status=status)
    _push_after_commit(shift.pk)
    return signup


@transaction.atomic
def first_sign_up(
    *,
    volunteer: Any,
    shift: Shift,
    date_of_birth: datetime.date,
    emergency_contact_name: str,
    emergency_contact_phone: str,
) -> SignUp:
    """A first-time volunteer's short profile and their sign-up, all or nothing.

    Only what the shift needs is asked (age and an emergency contact); the rest
    of the profile can come later. If the sign-up is refused (too young for the
    activity, under 18 without a guardian's consent, the shift started), no
    profile is kept either, so the person can simply try another shift.
    """
    profile_services.save_profile(
        user=volunteer,
        date_of_birth=date_of_birth,
        emergency_contact_name=emergency_contact_name,
        emergency_contact_phone=emergency_contact_phone,
    )
    return sign_up(volunteer=volunteer, shift=shift)


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
        Shift.objects.select_for_update(of=("self",))
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


# ---------------------------------------------------------------------------
# Check-in
# ---------------------------------------------------------------------------
def check_in_token(shift: Shift) -> str:
    """A signed token naming the shift, valid for QR_TOKEN_SECONDS."""
    return signing.TimestampSigner(salt=QR_SALT).sign(str(shift.pk))


def shift_from_token(token: str) -> Shift:
    """The shift a token names; refuses expired, altered or unknown tokens alike."""
    try:
        value = signing.TimestampSigner(salt=QR_SALT).unsign(
            token, max_age=QR_TOKEN_SECONDS
        )
        return Shift.objects.select_related("activity__community").get(pk=int(value))
    except (signing.BadSignature, ValueError, Shift.DoesNotExist) as error:
        raise ValidationError(
            _(
                "This check-in code has expired or is not valid. Scan the code on "
                "the coordinator's screen again."
            )
        ) from error


def _check_in_window(shift: Shift, now: datetime.datetime) -> None:
    if now < shift.starts_at - CHECK_IN_OPENS_BEFORE:
        raise ValidationError(_("Check-in opens one hour before the shift starts."))
    if now >= shift.ends_at:
        raise ValidationError(_("This shift has ended; check-in is closed."))


@transaction.atomic
def check_in(*, actor: Any, signup: SignUp, via: str) -> Attendance:
    """Record arrival for a confirmed place (roster: by the coordinator; QR: self)."""
    signup = (
        SignUp.objects.select_for_update(of=("self",))
        .select_related("shift__activity__community", "volunteer")
        .get(pk=signup.pk)
    )
    if signup.status != SignUp.Status.CONFIRMED:
        raise ValidationError(_("Only people with a place on this shift can check in."))
    if via == Attendance.Via.QR and signup.volunteer_id != actor.pk:
        raise ValidationError(_("You can only check yourself in."))
    now = timezone.now()
    _check_in_window(signup.shift, now)
    if Attendance.objects.filter(signup=signup).exists():
        raise ValidationError(_("Already checked in."))
    attendance = Attendance.objects.create(
        signup=signup, checked_in_at=now, checked_in_by=actor, checked_in_via=via
    )
    record(
        actor=actor,
        action="volunteers.checked_in",
        target=signup,
        community=signup.shift.activity.community,
        data={"via": via, "volunteer": signup.volunteer_id},
    )
    return attendance


@transaction.atomic
def check_in_with_token(*, volunteer: Any, token: str) -> Attendance:
    """The volunteer scanned the coordinator's QR code: check in their own place."""
    shift = shift_from_token(token)
    signup = SignUp.objects.filter(
        shift=shift, volunteer=volunteer, status=SignUp.Status.CONFIRMED
    ).first()
    if signup is None:
        raise ValidationError(_("You do not have a place on this shift."))
    return check_in(actor=volunteer, signup=signup, via=Attendance.Via.QR)


# ---------------------------------------------------------------------------
# Reminders (a periodic job; see volunteers/shifts/tasks.py)
# ---------------------------------------------------------------------------
def send_shift_reminders(now: datetime.datetime | None = None) -> int:
    """Remind everyone with a place on a shift starting within 24 hours, once.

    The reminder is claimed by stamping `reminded_at` with a conditional UPDATE, so
    overlapping runs never remind anyone twice.
    """
    now = now or timezone.now()
    due = (
        SignUp.objects.filter(
            status=SignUp.Status.CONFIRMED,
            reminded_at__isnull=True,
            shift__starts_at__gt=now,
            shift__starts_at__lte=now + REMINDER_AHEAD,
        )
        .select_related("shift__activity__community", "volunteer")
        .order_by("pk")
    )
    sent = 0
    for signup in due:
        with transaction.atomic():
            claimed = SignUp.objects.filter(
                pk=signup.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            shift = signup.shift
            activity = shift.activity
            notify(
                recipients=signup.volunteer,
                kind="volunteers.shift_reminder",
                title=_("Reminder: %(activity)s starts soon")
                % {"activity": activity.title},
                body=_("Your shift starts at %(when)s at %(place)s.")
                % {
                    "when": timezone.localtime(shift.starts_at).strftime(
                        "%Y-%m-%d %H:%M"
                    ),
                    "place": activity.place,
                },
                url=reverse(
                    "volunteers:activity", args=[activity.community.slug, activity.pk]
                ),
            )
            sent += 1
    return sent
