"""Requests from other apps for a volunteer activity (public service).

Social assistance asks a community's volunteer coordinators for a visiting
activity (e.g. 探访独居老人) without telling them whom it is for: the request is a
draft activity of the community, created through `create_activity`, which the
coordinators complete (shifts, team) and publish as any other. The coordinators
are notified. Nothing here stores where the request came from beyond its text;
the asking app keeps its own link to the activity's id.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from communities.models import Role
from communities.roles.selectors import role_holders
from notifications.services import notify
from volunteers.shifts.models import Activity
from volunteers.shifts.services import create_activity

KIND_VISIT_REQUESTED = "volunteers.visit_requested"


def activity_url(activity: Activity) -> str:
    return reverse("volunteers:activity", args=[activity.community.slug, activity.pk])


@transaction.atomic
def request_visiting_activity(
    *,
    requested_by: Any,
    community: Any,
    title: str,
    description: str,
    place: str,
    category: str = Activity.Category.ELDERLY,
) -> Activity:
    """Create a draft visiting activity for the community's volunteer
    coordinators and tell them. The caller has checked its own permission and
    that the text names no one."""
    activity = create_activity(
        actor=requested_by,
        community=community,
        title=title.strip(),
        description=description.strip(),
        category=category,
        place=place.strip(),
    )
    notify(
        recipients=role_holders(roles=[Role.COORDINATOR], community=community),
        kind=KIND_VISIT_REQUESTED,
        title=_("A visiting activity is asked for: %(title)s") % {"title": title},
        body=_("Add its shifts and publish it when volunteers can go."),
        url=activity_url(activity),
    )
    return activity
