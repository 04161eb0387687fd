"""Disclosures on the community home; objections in "waiting for you" and "mine"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from communities.home import HomeItem
from governance.disclosures import selectors
from governance.disclosures.pages import DisclosureIndexPage


def _board(community: Any) -> DisclosureIndexPage | None:
    return DisclosureIndexPage.objects.filter(community=community).first()


def latest_disclosures(community: Any, limit: int) -> list[HomeItem]:
    board = _board(community)
    if board is None:
        return []
    return [
        HomeItem(
            title=page.title,
            url=page.get_url(),
            meta=page.get_category_display(),
        )
        for page in board.disclosures()[:limit]
    ]


def board_url(community: Any) -> str:
    board = _board(community)
    return board.get_url() if board else ""


def _objection_url(objection: Any, slug: str) -> str:
    return reverse("governance:objection-detail", args=[slug, objection.pk])


def answers_to_read(user: Any, community: Any, limit: int) -> list[HomeItem]:
    return [
        HomeItem(
            title=f"{objection} {Truncator(objection.text).chars(40)}",
            url=_objection_url(objection, community.slug),
            meta=_("answered on %(date)s: accept it or ask again")
            % {"date": date_format(objection.answered_at.date())},
        )
        for objection in selectors.answered_objections(user, community, limit)
    ]


def my_objections(user: Any, limit: int) -> list[HomeItem]:
    return [
        HomeItem(
            title=f"{objection} {Truncator(objection.text).chars(40)}",
            url=_objection_url(objection, objection.community.slug),
            meta=f"{objection.community.name} · {objection.get_status_display()}",
        )
        for objection in selectors.my_objections(user, limit)
    ]
