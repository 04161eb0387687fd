"""Charity on the community home (projects and needs) and on "mine" (pledges)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from charity.donations.models import Donation
from charity.donations.selectors import donations_of
from charity.needs.models import NeedPledge
from charity.needs.selectors import my_need_pledges, open_needs
from charity.projects.selectors import CENT, open_projects, progress_percent
from communities.home import HomeItem


def projects(community: Any, limit: int) -> list[HomeItem]:
    items = []
    for project in open_projects(community, limit):
        raised = Decimal(project.raised).quantize(CENT)
        items.append(
            HomeItem(
                title=project.title,
                url=reverse("charity:project", args=[community.slug, project.pk]),
                meta=_("%(percent)s%% of the goal raised")
                % {"percent": progress_percent(raised, project.goal_amount)},
            )
        )
    return items


def needs(community: Any, limit: int) -> list[HomeItem]:
    return [
        HomeItem(
            title=str(need),
            url=reverse("charity:need", args=[community.slug, need.pk]),
            meta=_("%(missing)s still missing") % {"missing": need.missing},
        )
        for need in open_needs(community, limit)
    ]


def my_pledges(user: Any, limit: int) -> list[HomeItem]:
    """Donations and pledges to projects, then pledges of goods to needs."""
    items = []
    for donation in donations_of(user)[:limit]:
        project = donation.project
        slug = project.community.slug
        pending = donation.status == Donation.Status.PLEDGED
        items.append(
            HomeItem(
                title=project.title,
                url=reverse("charity:project", args=[slug, project.pk]),
                meta=f"{donation.get_kind_display()} · {donation.get_status_display()}",
                action_label=_("Cancel my pledge") if pending else "",
                action_url=(
                    reverse("charity:pledge-cancel", args=[slug, donation.pk])
                    if pending
                    else ""
                ),
            )
        )
    for pledge in my_need_pledges(user, limit):
        need = pledge.need
        slug = need.community.slug
        pending = pledge.status == NeedPledge.Status.PLEDGED
        items.append(
            HomeItem(
                title=str(need),
                url=reverse("charity:need", args=[slug, need.pk]),
                meta=_("%(quantity)s pledged · %(status)s")
                % {"quantity": pledge.quantity, "status": pledge.get_status_display()},
                action_label=_("Cancel my pledge of goods") if pending else "",
                action_url=(
                    reverse(
                        "charity:need-pledge-cancel", args=[slug, need.pk, pledge.pk]
                    )
                    if pending
                    else ""
                ),
            )
        )
    return items[:limit]
