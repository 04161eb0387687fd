"""Public pages: list filters and progress bars, a paginated ledger, region totals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from charity.donations import selectors as donation_selectors
from charity.donations import services as donation_services
from charity.models import Donation, Expenditure, Project
from charity.reports import services as report_services
from tests.charity.factories import (
    DonationFactory,
    OrganisationFactory,
    PublicProjectFactory,
    today,
)
from tests.factories import CommunityFactory, UserFactory
from tests.support.actors import give_totp
from tests.uploads.samples import PDF

pytestmark = pytest.mark.django_db


def _titles(client, community, **params):
    body = client.get(reverse("charity:projects", args=[community.slug]), params)
    return body.content.decode()


def test_the_project_list_filters_by_status_area_organisation_and_pairing(
    client, community, organisation
):
    other = OrganisationFactory(community=community, name="阳光基金会")
    PublicProjectFactory(organisation=organisation, title="甲项目", area="东区")
    PublicProjectFactory(
        organisation=organisation,
        title="乙项目",
        area="西区",
        status=Project.Status.CLOSED,
        paired_region="新疆和田县",
    )
    PublicProjectFactory(organisation=other, title="丙项目", area="东区")
    cases = [
        ({}, {"甲项目", "乙项目", "丙项目"}),
        ({"status": "closed"}, {"乙项目"}),
        ({"status": "draft"}, {"甲项目", "乙项目", "丙项目"}),  # ignored
        ({"area": "东"}, {"甲项目", "丙项目"}),
        ({"organisation": str(other.pk)}, {"丙项目"}),
        ({"organisation": "x"}, {"甲项目", "乙项目", "丙项目"}),
        ({"paired": "yes"}, {"乙项目"}),
        ({"paired": "no"}, {"甲项目", "丙项目"}),
        ({"area": "东", "organisation": str(organisation.pk)}, {"甲项目"}),
    ]
    for params, expected in cases:
        body = _titles(client, community, **params)
        shown = {t for t in ("甲项目", "乙项目", "丙项目") if t in body}
        assert shown == expected, params
    body = _titles(client, community, area="北")
    assert "No project matches these filters." in body
    assert "csrfmiddlewaretoken" not in body


def test_progress_bars_have_a_label_and_text(client, public_project, manager):
    donation_services.record_offline_donation(
        actor=manager, project=public_project, kind="money", amount=Decimal("2500")
    )
    body = _titles(client, public_project.community)
    assert f'<label for="progress-{public_project.pk}">' in body
    assert (
        f'<progress id="progress-{public_project.pk}" max="100" value="25">25%</progress>'
        in body
    )
    page = client.get(
        reverse(
            "charity:project", args=[public_project.community.slug, public_project.pk]
        )
    ).content.decode()
    assert '<progress id="project-progress" max="100" value="25">' in page


def test_a_long_ledger_is_paginated_and_its_totals_stay_whole(
    client, public_project, manager
):
    rows = [
        Donation(
            project=public_project,
            kind="money",
            channel="offline",
            status="confirmed",
            amount=Decimal("10.00"),
            receipt_number=f"R{n}",
            confirmed_at=public_project.created_at,
        )
        for n in range(donation_selectors.LEDGER_PAGE_SIZE + 20)
    ]
    Donation.objects.bulk_create(rows)
    report_services.record_expenditure(
        actor=manager,
        project=public_project,
        spent_on=today(),
        amount=Decimal("5.00"),
        purpose="书包",
        payee="某文具公司",
        receipt=SimpleUploadedFile("r.pdf", PDF),
    )
    path = reverse(
        "charity:project", args=[public_project.community.slug, public_project.pk]
    )
    first = client.get(path).content.decode()
    assert "Page 1 of 2 (120 entries)" in first
    assert "<td>1200.00</td>" in first  # received, over every page
    assert "<td>1195.00</td>" in first  # balance
    assert first.count("R1") >= 1 and "R119" not in first
    second = client.get(path, {"money": 2}).content.decode()
    assert "Page 2 of 2 (120 entries)" in second
    assert "<td>1200.00</td>" in second


def test_the_region_view_totals_per_community_and_paired_region(
    client, organisation, manager, django_assert_max_num_queries
):
    community = organisation.community
    street = community.street
    neighbour = CommunityFactory(street=street)
    paired = PublicProjectFactory(
        organisation=organisation,
        paired_region="新疆和田县",
        goal_amount=Decimal("1000"),
    )
    plain = PublicProjectFactory(organisation=organisation, goal_amount=Decimal("3000"))
    donation_services.record_offline_donation(
        actor=manager, project=paired, kind="money", amount=Decimal("500")
    )
    donation_services.record_offline_donation(
        actor=manager, project=plain, kind="money", amount=Decimal("300")
    )
    DonationFactory(project=plain, amount=Decimal("999"))  # a pledge: not counted
    report_services.record_expenditure(
        actor=manager,
        project=paired,
        spent_on=today(),
        amount=Decimal("200"),
        purpose="棉衣",
        payee="某服装厂",
        receipt=SimpleUploadedFile("r.pdf", PDF),
    )
    totals = donation_selectors.region_totals(street.parent)
    by_name = {row["name"]: row for row in totals["communities"]}
    assert by_name[community.name]["received"] == Decimal("800.00")
    assert by_name[community.name]["spent"] == Decimal("200.00")
    assert by_name[community.name]["balance"] == Decimal("600.00")
    assert by_name[community.name]["projects"] == 2
    assert by_name[community.name]["progress"] == 20
    assert by_name[neighbour.name]["received"] == Decimal("0.00")
    assert [
        (r["name"], r["received"], r["spent"]) for r in totals["paired_regions"]
    ] == [("新疆和田县", Decimal("500.00"), Decimal("200.00"))]
    assert totals["community_total"]["received"] == Decimal("800.00")
    path = reverse("charity:region-totals", args=[street.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    small = count()
    admin = _admin()
    for n in range(4):
        other = CommunityFactory(street=street)
        project = PublicProjectFactory(
            organisation=OrganisationFactory(community=other),
            paired_region=f"对口县{n}",
        )
        donation_services.record_offline_donation(
            actor=admin, project=project, kind="money", amount=Decimal("1")
        )
    assert count() == small
    body = client.get(path).content.decode()
    assert "新疆和田县" in body and "对口县3" in body


def _admin():
    person = UserFactory(is_superuser=True)
    return give_totp(person)


def test_the_ledger_query_count_does_not_grow_with_entries(
    client, public_project, manager
):
    path = reverse(
        "charity:project", args=[public_project.community.slug, public_project.pk]
    )
    for kind in ("money", "goods"):
        donation_services.record_offline_donation(
            actor=manager,
            project=public_project,
            kind=kind,
            amount=Decimal("1") if kind == "money" else None,
            item="米" if kind == "goods" else "",
            quantity=1 if kind == "goods" else None,
            estimated_value=Decimal("1") if kind == "goods" else None,
        )
    report_services.record_expenditure(
        actor=manager,
        project=public_project,
        spent_on=today(),
        amount=Decimal("1"),
        purpose="x",
        payee="某公司",
        receipt=SimpleUploadedFile("r.pdf", PDF),
    )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    small = count()
    # bulk_create sends no signals, so the page cache is not retired: clear it.
    cache.clear()
    Expenditure.objects.bulk_create(
        [
            Expenditure(
                project=public_project,
                spent_on=today(),
                amount=Decimal("0.01"),
                purpose="x",
                payee="某公司",
                receipt="charity/receipts/x.pdf",
            )
            for _n in range(300)
        ]
    )
    assert count() == small
