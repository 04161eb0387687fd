"""The coordinator's work list: sections registered by concerns, shown to those
who may list the community's cases, the overdue ones first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assistance.worklist import registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections():
    saved = dict(registry._SECTIONS)
    registry._SECTIONS.clear()
    registry.register(
        registry.WorkSection(
            key="calm",
            title="Calm things",
            template="assistance/worklist/_items.html",
            context=lambda user, community: {
                "waiting": 2,
                "overdue": 0,
                "items": [{"label": f"calm row of {community.name}", "url": "/x/"}],
            },
            order=1,
        )
    )
    registry.register(
        registry.WorkSection(
            key="late",
            title="Late things",
            template="assistance/worklist/_items.html",
            context=lambda user, community: {"waiting": 1, "overdue": 1},
            order=2,
        )
    )
    registry.register(
        registry.WorkSection(
            key="hidden",
            title="Hidden things",
            template="assistance/worklist/_items.html",
            context=lambda user, community: None,
        )
    )
    yield
    registry._SECTIONS.clear()
    registry._SECTIONS.update(saved)


def test_the_coordinator_sees_each_section_overdue_first(
    sections, signed_in, coordinator, community
):
    response = signed_in(coordinator).get(
        reverse("assistance:work", args=[community.slug])
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Late things") < body.index("Calm things")
    assert "Hidden things" not in body
    assert f"calm row of {community.name}" in body
    assert reverse("assistance:work", args=[community.slug]) in body  # in the menu


def test_nothing_waiting_says_so(signed_in, coordinator, community):
    saved = dict(registry._SECTIONS)
    registry._SECTIONS.clear()
    try:
        response = signed_in(coordinator).get(
            reverse("assistance:work", args=[community.slug])
        )
    finally:
        registry._SECTIONS.update(saved)
    assert "Nothing is waiting." in response.content.decode()


@pytest.mark.parametrize("who", ["resident", "applicant"])
def test_residents_cannot_open_the_work_list(request, signed_in, community, who):
    person = request.getfixturevalue(who)
    response = signed_in(person).get(reverse("assistance:work", args=[community.slug]))
    assert response.status_code == 403
