"""The follow-up demo: items on time, overdue and done with ratings; idempotent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultation.followup import demo as demo_followup
from consultation.models import Consultation, FollowUpItem, FollowUpRating

pytestmark = pytest.mark.django_db


def test_the_demo_shows_on_time_overdue_and_rated_items(
    community, committee, residents, client
):
    demo_followup.seed(admin=committee, communities=[community], ensure_user=None)
    demo_followup.seed(admin=committee, communities=[community], ensure_user=None)
    assert Consultation.objects.filter(title=demo_followup.TITLE).count() == 1
    items = FollowUpItem.objects.filter(community=community)
    assert items.count() == 3
    assert items.overdue().count() == 1
    assert items.open().count() == 2
    assert FollowUpRating.objects.count() == 3
    consultation = Consultation.objects.get(title=demo_followup.TITLE)
    page = client.get(
        reverse("consultation:detail", args=[community.slug, consultation.pk])
    ).content.decode()
    assert "供电容量评估" in page and "overdue" in page
    assert "4.3 / 5 (3 ratings)" in page
