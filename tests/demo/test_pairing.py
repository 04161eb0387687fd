"""The pairing demo: 武山县 and 永登县 paired with 示范区, liaisons of both sides,
exchange in every kind, and the charity project and activity moved to 武山县."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charity.models import Project
from pairing.models import Liaison, PairedRegion, Question, StaffExchange, Update
from volunteers.models import Activity

pytestmark = pytest.mark.django_db(transaction=False)


def test_two_paired_regions_with_liaisons_pairs_and_exchange(seeded):
    regions = {r.name: r for r in PairedRegion.objects.select_related("district")}
    assert set(regions) == {"甘肃省武山县", "甘肃省永登县"}
    for region in regions.values():
        assert region.district.name == "示范区"
        sides = set(
            Liaison.objects.active()
            .filter(paired_region=region)
            .values_list("side", flat=True)
        )
        assert sides == {"home", "receiving"}
        assert region.pairs.exists()
        assert Update.objects.filter(paired_region=region, kind="feedback").exists()
        assert Update.objects.filter(paired_region=region, is_public=True).exists()
        assert Question.objects.filter(
            paired_region=region, answered_at__isnull=False
        ).exists()
        assert StaffExchange.objects.filter(paired_region=region).exists()
    wushan = Liaison.objects.get(user__email="liaison-wushan@demo.gongzhi.cn")
    assert wushan.paired_region.name == "甘肃省武山县"


def test_the_paired_project_and_an_activity_are_tagged_wushan(seeded, client):
    assert list(
        Project.objects.exclude(paired_region="").values_list(
            "paired_region", flat=True
        )
    ) == ["甘肃省武山县"]
    assert Activity.objects.published().filter(paired_region="甘肃省武山县").exists()
    body = client.get(reverse("pairing:region", args=["wushan"])).content.decode()
    assert "对口支援武山县冬衣募集" in body and "武山县结对小学线上课业辅导" in body
