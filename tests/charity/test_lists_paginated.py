"""Charity lists are paginated (issue 16): a community's projects (filters kept),
its needs and the managers' projects; the officers' overdue reports and public
projects. One page at a time, in the same queries at every size."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

import pytest
from django.utils import timezone

from charity.needs.models import Need, NeedPledge
from communities.cache import bump_generation
from communities.models import Role
from tests.charity.factories import (
    DonationFactory,
    OrganisationFactory,
    ProjectFactory,
    PublicProjectFactory,
)
from tests.factories import CommunityFactory, RoleGrantFactory, UserFactory
from tests.support.actors import give_totp
from tests.support.pagination import assert_paginated

pytestmark = pytest.mark.django_db


def _officer(client, community):
    person = UserFactory()
    RoleGrantFactory(
        user=person,
        role=Role.DISTRICT_OFFICER,
        community=None,
        region=community.street.parent,
    )
    client.force_login(give_totp(person))


def _public_projects(organisation, **extra):
    def add(n):
        PublicProjectFactory.create_batch(n, organisation=organisation, **extra)

    return add


def test_the_public_projects_are_paginated_and_keep_the_filters(
    client, monkeypatch, organisation, community
):
    url = f"/{community.slug}/charity/?area=%E5%B9%B8%E7%A6%8F"
    assert_paginated(
        client,
        monkeypatch,
        url,
        _public_projects(organisation),
        key="projects",
        keep="area=",
    )


def test_the_needs_are_paginated(client, monkeypatch, community):
    def add(n):
        for i in range(n):
            Need.objects.create(
                community=community,
                item=f"棉被{i}",
                quantity=3,
                unit="床",
                needed_by=timezone.localdate() + datetime.timedelta(days=10),
            )

    assert_paginated(
        client, monkeypatch, f"/{community.slug}/charity/needs/", add, key="needs"
    )


def test_the_managers_projects_are_paginated(
    client, monkeypatch, organisation, community, manager
):
    client.force_login(give_totp(manager))

    def add(n):
        ProjectFactory.create_batch(n, organisation=organisation)

    assert_paginated(
        client,
        monkeypatch,
        f"/{community.slug}/charity/manage/",
        add,
        key="projects",
    )


def test_the_officers_public_projects_are_paginated(
    client, monkeypatch, organisation, community
):
    _officer(client, community)
    assert_paginated(
        client,
        monkeypatch,
        "/my/charity/projects/",
        _public_projects(organisation),
        key="projects",
    )


def test_the_overdue_reports_are_paginated(
    client, monkeypatch, organisation, community
):
    """A project that ended four months ago owes four reports: four rows."""
    _officer(client, community)
    today = timezone.localdate()
    overdue = _public_projects(
        organisation,
        status="closed",
        starts_on=today - datetime.timedelta(days=480),
        ends_on=today - datetime.timedelta(days=120),
        filed_on=today - datetime.timedelta(days=500),
    )
    assert_paginated(
        client,
        monkeypatch,
        "/my/charity/overdue-reports/",
        lambda n: overdue(math.ceil(n / 4)),
        key="rows",
    )


def test_the_region_totals_are_paginated_and_the_totals_stay_whole(
    client, monkeypatch, organisation, community
):
    street = community.street
    added = []

    def add(n):
        for _ in range(n):
            other = CommunityFactory(street=street)
            added.append(
                PublicProjectFactory(
                    organisation=OrganisationFactory(community=other),
                    goal_amount=Decimal("100.00"),
                )
            )

    url = f"/regions/{street.slug}/charity/"
    assert_paginated(client, monkeypatch, url, add, key="communities")
    bump_generation()  # built, not served from the page cache
    total = client.get(url + "?page=2").context["community_total"]
    assert total["projects"] == len(added)
    assert total["goal"] == Decimal("100.00") * len(added)


def test_a_needs_pledges_are_paginated(client, monkeypatch, community):
    need = Need.objects.create(
        community=community,
        item="棉被",
        quantity=3000,
        unit="床",
        needed_by=timezone.localdate() + datetime.timedelta(days=10),
    )

    def add(n):
        NeedPledge.objects.bulk_create(
            NeedPledge(need=need, donor=UserFactory(), quantity=1) for _ in range(n)
        )

    assert_paginated(
        client,
        monkeypatch,
        f"/{community.slug}/charity/needs/{need.pk}/",
        add,
        key="pledges",
    )


def test_a_projects_pending_pledges_are_paginated(
    client, monkeypatch, organisation, community, manager
):
    client.force_login(give_totp(manager))
    project = PublicProjectFactory(organisation=organisation)

    def add(n):
        DonationFactory.create_batch(n, project=project)

    assert_paginated(
        client,
        monkeypatch,
        f"/{community.slug}/charity/manage/projects/{project.pk}/",
        add,
        key="pledges",
        param="pledges",
    )
