"""Coordinators tag an activity for a paired region on the activity form; the
public selector counts its confirmed hours per tag in a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from communities.models import Role
from tests.factories import RoleGrantFactory
from tests.volunteers.factories import ActivityFactory
from tests.volunteers.records.helpers import served, team_shift
from volunteers.models import Activity
from volunteers.records.selectors import paired_region_activities

pytestmark = pytest.mark.django_db


def test_the_activity_form_sets_the_paired_region(client, community):
    coordinator = RoleGrantFactory(role=Role.COORDINATOR, community=community).user
    client.force_login(coordinator)
    response = client.post(
        reverse("volunteers:activity-create", args=[community.slug]),
        {"title": "线上辅导", "category": "education", "place": "线上",
         "minimum_age": 18, "paired_region": " 甘肃省武山县 "},
    )  # fmt: skip
    assert response.status_code == 302
    activity = Activity.objects.get(title="线上辅导")
    assert activity.paired_region == "甘肃省武山县"
    page = client.get(
        reverse("volunteers:activity", args=[community.slug, activity.pk])
    )
    assert "甘肃省武山县" in page.content.decode()


def test_hours_per_tag_in_two_queries(django_assert_num_queries):
    shift = team_shift()
    shift.activity.paired_region = "甘肃省武山县"
    shift.activity.save()
    served(shift, hours="2.50")
    served(shift, hours="1.00")
    ActivityFactory(paired_region="甘肃省永登县")
    ActivityFactory(paired_region="甘肃省武山县", status=Activity.Status.DRAFT)
    with django_assert_num_queries(2):
        found = paired_region_activities(["甘肃省武山县", "甘肃省永登县", "别处"])
    assert found["甘肃省武山县"]["hours"] == Decimal("3.50")
    assert [a.pk for a in found["甘肃省武山县"]["activities"]] == [shift.activity.pk]
    assert found["甘肃省武山县"]["teams"] == [shift.activity.team]
    assert len(found["甘肃省永登县"]["activities"]) == 1
    assert found["别处"] == {"activities": [], "hours": Decimal("0.00"), "teams": []}
