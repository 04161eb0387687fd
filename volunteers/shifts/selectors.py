"""Reads of teams, activities, shifts and sign-ups."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from communities import pagination
from communities.models import Community
from volunteers.shifts.models import Activity, Shift, SignUp, Team


def is_listed_coordinator(user: Any, team: Team) -> bool:
    """Whether the person is listed as a coordinator of the team."""
    return team.coordinators.filter(pk=user.pk).exists()


def shift_url(slug: str, shift: Shift) -> str:
    """The activity's page at the page of its shifts that holds `shift`, anchored
    on its row: where a person lands after signing up for it or cancelling (a
    shift on page 2 must not send them back to page 1)."""
    url = reverse("volunteers:activity", args=[slug, shift.activity_id])
    before = Shift.objects.filter(
        Q(starts_at__lt=shift.starts_at)
        | Q(starts_at=shift.starts_at, pk__lt=shift.pk),
        activity_id=shift.activity_id,
    ).count()
    number = before // pagination.PER_PAGE + 1
    if number > 1:
        url += f"?page={number}"
    return url + f"#shift-{shift.pk}"


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
