"""Reads of teams, activities, shifts and sign-ups."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import F, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from communities import pagination
from communities.models import Community
from volunteers.profiles.models import VolunteerProfile
from volunteers.shifts.models import Activity, Shift, SignUp, Team


def is_listed_coordinator(user: Any, team: Team) -> bool:
    """Whether the person is listed as a coordinator of the team."""
    return team.coordinators.filter(pk=user.pk).exists()


# Read on every sign-up and cancellation, for the redirect back to the shift.
# Written as SQL: the same count built with the ORM took 0.68 ms to build, compile
# and run on the bench machine (0.59 ms more as a subquery annotated on the shift),
# the SQL 0.18 ms (docs/benchmarks.md, "A sign-up's reads as SQL").
_POSITION_SQL = """
    SELECT COUNT(*) FROM {shift}
     WHERE activity_id = %(activity)s
       AND (starts_at < %(starts)s OR (starts_at = %(starts)s AND id < %(shift)s))
"""


def shift_position(shift: Shift) -> int:
    """The number of shifts listed before `shift` on its activity's page: those
    starting earlier, and those starting at the same time with a smaller id."""
    params = {
        "activity": shift.activity_id,
        "starts": connection.ops.adapt_datetimefield_value(shift.starts_at),
        "shift": shift.pk,
    }
    with connection.cursor() as cursor:
        cursor.execute(_POSITION_SQL.format(shift=Shift._meta.db_table), params)
        return cursor.fetchone()[0]


def shift_url(slug: str, shift: Shift) -> str:
    """The activity's page at the page of its shifts that holds `shift`, anchored
    on its row: where a person lands after signing up for it or cancelling (a
    shift on page 2 must not send them back to page 1)."""
    url = reverse("volunteers:activity", args=[slug, shift.activity_id])
    number = shift_position(shift) // pagination.PER_PAGE + 1
    if number > 1:
        url += f"?page={number}"
    return url + f"#shift-{shift.pk}"


def _for_update() -> str:
    # SQLite has no row locks: its IMMEDIATE transactions serialise the writers.
    return " FOR UPDATE" if connection.features.has_select_for_update else ""


_LOCKED_SHIFT_SQL = (
    "SELECT id, activity_id, starts_at, ends_at, capacity FROM {shift} WHERE id = %s"
)


def locked_shift(pk: int) -> Shift:
    """The shift's row, locked until the transaction ends (its times and places,
    read again under the lock). As SQL through `raw` (0.22 ms against the ORM's
    0.38 ms on every sign-up); raises Shift.DoesNotExist when it is gone."""
    sql = _LOCKED_SHIFT_SQL.format(shift=Shift._meta.db_table) + _for_update()
    for shift in Shift.objects.raw(sql, [pk]):
        return shift
    raise Shift.DoesNotExist


# What a sign-up reads of the person's profile: whether it is active and their age.
_PROFILE_CHECKED = (
    "id",
    "user_id",
    "date_of_birth",
    "guardian_name",
    "guardian_phone",
    "guardian_consent_date",
    "guardian_consent_form",
)


_LOCKED_PROFILE_SQL = "SELECT {columns} FROM {profile} WHERE user_id = %s"


def locked_profile(user_id: int) -> VolunteerProfile | None:
    """The person's volunteer profile, locked until the transaction ends (their own
    sign-ups at the same time serialise on it), with only the columns a sign-up
    checks (0.21 ms against the ORM's 0.58 ms for the whole row); the other
    fields load when read."""
    sql = _LOCKED_PROFILE_SQL.format(
        columns=", ".join(_PROFILE_CHECKED), profile=VolunteerProfile._meta.db_table
    )
    for profile in VolunteerProfile.objects.raw(sql + _for_update(), [user_id]):
        return profile
    return None


# Run under the shift's lock on every sign-up. Written as SQL: the same three
# counts built with the ORM (`aggregate` with filtered counts over the join) took
# 4 ms of the request to build and compile on the bench machine, more than the two
# plainer queries they replaced (docs/benchmarks.md, "Sessions, the cache client,
# sign-ups and supports").
_SIGN_UP_COUNTS_SQL = """
    SELECT
      COUNT(*) FILTER (WHERE s.volunteer_id = %(person)s AND s.shift_id = %(shift)s),
      COUNT(*) FILTER (WHERE s.volunteer_id = %(person)s
                         AND h.starts_at < %(ends)s AND h.ends_at > %(starts)s),
      COUNT(*) FILTER (WHERE s.shift_id = %(shift)s AND s.status = %(confirmed)s)
      FROM {signup} s JOIN {shift} h ON h.id = s.shift_id
     WHERE s.status <> %(cancelled)s
       AND (s.shift_id = %(shift)s
            OR (s.volunteer_id = %(person)s
                AND h.starts_at < %(ends)s AND h.ends_at > %(starts)s))
"""


def sign_up_counts(person_id: int, shift: Shift) -> tuple[int, int, int]:
    """For a sign-up, in one query: whether the person holds a live sign-up for
    `shift`, how many live sign-ups of theirs overlap its time (`shift`'s own
    included: a shift overlaps itself), and how many places on it are confirmed."""
    sql = _SIGN_UP_COUNTS_SQL.format(
        signup=SignUp._meta.db_table, shift=Shift._meta.db_table
    )
    adapt = connection.ops.adapt_datetimefield_value
    params = {
        "person": person_id,
        "shift": shift.pk,
        "starts": adapt(shift.starts_at),
        "ends": adapt(shift.ends_at),
        "confirmed": SignUp.Status.CONFIRMED.value,
        "cancelled": SignUp.Status.CANCELLED.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        here, clashing, taken = cursor.fetchone()
    return here, clashing, taken


# Upcoming shifts shown per activity on the community's list; the activity's own
# page lists every shift, a page at a time.
SHIFTS_PER_ACTIVITY = 5


def published_activities(community: Community) -> QuerySet:
    """Published activities of the community, each with its next upcoming shifts
    (counted) in `upcoming`: at most SHIFTS_PER_ACTIVITY + 1, the one more telling
    the list that there are more (one query for every activity of the page)."""
    shifts = (
        Shift.objects.upcoming()
        .with_counts()
        .order_by("starts_at", "pk")[: SHIFTS_PER_ACTIVITY + 1]
    )
    return (
        Activity.objects.published()
        .filter(community=community)
        .select_related("team")
        .prefetch_related(Prefetch("shifts", queryset=shifts, to_attr="upcoming"))
    )


def draft_activities(community: Community) -> QuerySet:
    return Activity.objects.filter(community=community, status=Activity.Status.DRAFT)


def live_signups_on(user: Any, activity: Activity) -> dict[int, SignUp]:
    """The person's confirmed or waiting sign-ups on the activity, by shift id."""
    if not user.is_authenticated:
        return {}
    return {
        s.shift_id: s
        for s in SignUp.objects.filter(
            volunteer=user, shift__activity=activity
        ).exclude(status=SignUp.Status.CANCELLED)
    }


def live_signup(user: Any, shift: Shift) -> SignUp | None:
    """The person's confirmed or waiting sign-up on the shift, or None."""
    return (
        SignUp.objects.filter(shift=shift, volunteer=user)
        .exclude(status=SignUp.Status.CANCELLED)
        .first()
    )


def confirmed_signup(user: Any, shift: Shift) -> SignUp | None:
    """The person's confirmed place on the shift (with its attendance), or None."""
    return (
        SignUp.objects.filter(
            shift=shift, volunteer=user, status=SignUp.Status.CONFIRMED
        )
        .select_related("attendance")
        .first()
    )


def visiting_shift_of(user: Any, shift_id: int, community: Community) -> Shift | None:
    """The shift of a home-visiting activity (探访) of the community on which this
    person has a confirmed place, or None. Public: other apps ask it to know a
    report comes from a volunteer's visit."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Shift.objects.filter(
            pk=shift_id,
            activity__community=community,
            activity__home_visits=True,
            signups__volunteer=user,
            signups__status=SignUp.Status.CONFIRMED,
        )
        .select_related("activity")
        .first()
    )


def search_document(activity: Activity) -> dict[str, Any] | None:
    """What the site search shows of a volunteer activity (published ones only)."""
    if not activity.is_published:
        return None
    return {
        "community": activity.community,
        "title": activity.title,
        "text": " ".join((activity.description, activity.place)),
        "url": reverse(
            "volunteers:activity", args=[activity.community.slug, activity.pk]
        ),
        "published_at": activity.published_at,
    }


# ---------------------------------------------------------------------------
# The community home, "waiting for you" and "mine" (one query each)
# ---------------------------------------------------------------------------
def shifts_with_places(community: Community, limit: int) -> list[Shift]:
    """Coming shifts of published activities that still have places, soonest first."""
    return list(
        Shift.objects.upcoming()
        .with_counts()
        .filter(
            activity__community=community,
            activity__status=Activity.Status.PUBLISHED,
            confirmed_count__lt=F("capacity"),
        )
        .select_related("activity")
        .order_by("starts_at", "pk")[:limit]
    )


def next_shifts(user: Any, limit: int, community: Community | None = None) -> list:
    """This person's coming confirmed shifts (in one community, or everywhere)."""
    signups = SignUp.objects.filter(
        volunteer=user,
        status=SignUp.Status.CONFIRMED,
        shift__starts_at__gt=timezone.now(),
    )
    if community is not None:
        signups = signups.filter(shift__activity__community=community)
    return list(
        signups.select_related("shift__activity__community").order_by(
            "shift__starts_at", "pk"
        )[:limit]
    )
