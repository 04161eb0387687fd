"""Volunteer shifts in calendars.

The iCalendar writer, the provider registry and the personal feed are shared
(`notifications.calendar`); this module turns shifts into its `Event`s and is
registered there as the "volunteers.shifts" provider (volunteers/registration.py).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.calendar import FEED_PAST, Event
from volunteers.shifts.models import SignUp

UID_DOMAIN = "gongzhi.volunteers"


def shift_event(shift, *, waiting: bool = False) -> Event:
    activity = shift.activity
    summary = activity.title
    if waiting:
        summary = _("%(activity)s (waitlist)") % {"activity": activity.title}
    return Event(
        uid=f"shift-{shift.pk}@{UID_DOMAIN}",
        summary=summary,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        location=activity.place,
        description=activity.description,
        url=reverse("volunteers:activity", args=[activity.community.slug, activity.pk]),
        status="TENTATIVE" if waiting else "CONFIRMED",
    )


def shift_events(user) -> list[Event]:
    """A person's confirmed and waitlisted shifts, from 90 days ago on (one query)."""
    signups = (
        SignUp.objects.filter(
            volunteer=user,
            status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITING],
            shift__ends_at__gte=timezone.now() - FEED_PAST,
        )
        .select_related("shift__activity__community")
        .order_by("shift__starts_at", "pk")
    )
    return [
        shift_event(s.shift, waiting=s.status == SignUp.Status.WAITING) for s in signups
    ]
