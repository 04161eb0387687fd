"""Shifts on the community home, in "waiting for you" and on "mine"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from communities.home import HomeItem
from volunteers.records.selectors import volunteer_totals
from volunteers.shifts import selectors


def _when(shift: Any) -> str:
    return date_format(timezone.localtime(shift.starts_at), "SHORT_DATETIME_FORMAT")


def _activity_url(activity: Any, slug: str) -> str:
    return reverse("volunteers:activity", args=[slug, activity.pk])


def shifts_with_places(community: Any, limit: int) -> list[HomeItem]:
    items = []
    for shift in selectors.shifts_with_places(community, limit):
        left = shift.places_left
        places = ngettext("%(count)d place left", "%(count)d places left", left) % {
            "count": left
        }
        items.append(
            HomeItem(
                title=shift.activity.title,
                url=_activity_url(shift.activity, community.slug),
                meta=f"{_when(shift)} · {places}",
            )
        )
    return items


def _shift_item(signup: Any) -> HomeItem:
    activity = signup.shift.activity
    return HomeItem(
        title=activity.title,
        url=_activity_url(activity, activity.community.slug),
        meta=f"{_when(signup.shift)} · {activity.place}",
    )


def next_shift(user: Any, community: Any, limit: int) -> list[HomeItem]:
    """Only the next one: it is what the person has to remember."""
    return [_shift_item(s) for s in selectors.next_shifts(user, 1, community)]


def my_shifts_and_hours(user: Any, limit: int) -> list[HomeItem]:
    totals = volunteer_totals(user)
    hours = HomeItem(
        title=_("Confirmed hours: %(year)s this year, %(all)s in all")
        % {"year": totals["this_year"], "all": totals["all_time"]},
        url=reverse("volunteers:my-hours"),
    )
    return [
        *(_shift_item(s) for s in selectors.next_shifts(user, limit - 1)),
        hours,
    ]
