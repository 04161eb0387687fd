"""The desk's pages are well formed: one h1, headings in order, every field
labelled, no id used twice (several panels' forms share one page)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.platform.test_reachability import _Page

pytestmark = pytest.mark.django_db


def check(body: str) -> list[str]:
    page = _Page()
    page.feed(body)
    problems = []
    if page.headings.count(1) != 1:
        problems.append(f"{page.headings.count(1)} h1")
    previous = 0
    for level in page.headings:
        if level > previous + 1:
            problems.append(f"h{level} after h{previous}")
        previous = level
    problems += [f"unlabelled {name}" for name in page.unlabelled()]
    ids = re.findall(r'\sid="([^"]+)"', body)
    problems += [f"id {i} twice" for i in {i for i in ids if ids.count(i) > 1}]
    return problems


@pytest.mark.parametrize(
    ("state", "who"),
    [
        ("submitted", "coordinator"),
        ("accepted", "officer"),
        ("accepted", "supervisor"),
        ("investigated", "officer"),
    ],
)
def test_the_case_page_is_well_formed(request, signed_in, make_case, state, who):
    case = make_case(state, accepted_days_ago=None if state == "submitted" else 2)
    user = request.getfixturevalue(who)
    response = signed_in(user).get(
        reverse("assistance:case", args=[case.tracking_number])
    )
    assert response.status_code == 200
    assert check(response.content.decode()) == []


def test_the_lists_and_forms_are_well_formed(
    signed_in, make_case, community, coordinator, officer, platform_admin
):
    case = make_case()
    body = signed_in(coordinator).get(
        reverse("assistance:cases", args=[community.slug])
    )
    assert check(body.content.decode()) == []
    body = signed_in(officer).get(
        reverse("assistance:region-cases", args=[community.street.slug])
    )
    assert check(body.content.decode()) == []
    body = signed_in(platform_admin).get(
        reverse("assistance:case", args=[case.tracking_number])
    )
    assert check(body.content.decode()) == []
