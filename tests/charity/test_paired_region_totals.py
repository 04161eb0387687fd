"""The public selector the pairing app reads: per paired-region tag, the public and
closed projects with money raised and spent, goods, and the organisations, in
one query."""

from __future__ import annotations

from decimal import Decimal

import pytest

from charity.donations import services as donation_services
from charity.models import Project
from charity.projects.selectors import paired_region_totals
from tests.charity.factories import (
    OrganisationFactory,
    ProjectFactory,
    PublicProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_totals_per_tag_in_one_query(django_assert_num_queries, organisation, manager):
    org = organisation
    other = OrganisationFactory(community=org.community)
    warm = PublicProjectFactory(organisation=org, paired_region="甘肃省武山县")
    PublicProjectFactory(
        organisation=other, paired_region="甘肃省武山县", status=Project.Status.CLOSED
    )
    ProjectFactory(
        organisation=org, paired_region="甘肃省武山县"
    )  # a draft: not listed
    PublicProjectFactory(organisation=org, paired_region="甘肃省永登县")
    donation_services.record_offline_donation(
        actor=manager, project=warm, kind="money", amount=Decimal("300")
    )
    with django_assert_num_queries(1):
        found = paired_region_totals(["甘肃省武山县", "甘肃省永登县", "别处"])
    wushan = found["甘肃省武山县"]
    assert len(wushan["projects"]) == 2
    assert wushan["raised"] == Decimal("300.00")
    assert {o.pk for o in wushan["organisations"]} == {org.pk, other.pk}
    assert (
        wushan["projects"][-1].url
        == f"/{warm.community.slug}/charity/projects/{warm.pk}/"
    )
    assert len(found["甘肃省永登县"]["projects"]) == 1
    assert found["别处"]["projects"] == []
