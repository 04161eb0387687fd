"""A person's assistance applications on "mine"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from assistance.applications import selectors
from communities.home import HomeItem


def my_applications(user: Any, limit: int) -> list[HomeItem]:
    return [
        HomeItem(
            title=f"{case.tracking_number} {case.get_kind_display()}",
            url=reverse("assistance:my-case", args=[case.tracking_number]),
            meta=f"{case.community.name} · {case.get_state_display()}",
        )
        for case in selectors.cases_of(user)[:limit]
    ]
