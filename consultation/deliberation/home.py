"""A person's comments on "mine"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from communities.home import HomeItem
from consultation.deliberation import selectors


def my_comments(user: Any, limit: int) -> list[HomeItem]:
    items = []
    for comment in selectors.my_comments(user, limit):
        consultation = comment.consultation
        meta = consultation.title
        if comment.hidden_at:
            meta = _("%(title)s · hidden") % {"title": consultation.title}
        items.append(
            HomeItem(
                title=Truncator(comment.body).chars(60),
                url=reverse(
                    "consultation:detail",
                    args=[consultation.community.slug, consultation.pk],
                ),
                meta=meta,
            )
        )
    return items
