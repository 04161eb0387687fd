"""Charity pages: a community's project list, and a project page whose ledger has
2,000 entries (1,000 confirmed donations and 1,000 expenditures).

The project is created on first use in the first seeded community (idempotent:
found again by its filing number). The page shows the ledger a page at a time
with totals over every entry, in a fixed number of queries.
"""

from __future__ import annotations

from bench.scenarios import Scenario

BENCH_FILING = "BENCH-CHARITY-LEDGER-2000"
ENTRIES = 1000  # of each kind


def _community():
    from communities.models import Community

    community = (
        Community.objects.filter(slug__startswith="scale-").order_by("pk").first()
    )
    return community or Community.objects.order_by("pk").first()


def _bench_project():
    import datetime
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from charity.models import (
        Donation,
        Expenditure,
        Organisation,
        Project,
        credit_code_check_character,
    )

    project = Project.objects.filter(filing_number=BENCH_FILING).first()
    if project is not None:
        return project
    community = _community()
    today = timezone.localdate()
    first17 = "53999999BENCH0001"
    with transaction.atomic():
        organisation, _created = Organisation.objects.get_or_create(
            credit_code=first17 + credit_code_check_character(first17),
            defaults={
                "community": community,
                "name": "基准测试慈善会",
                "qualification_number": "BENCH-001",
                "qualification_valid_from": today - datetime.timedelta(days=365),
                "qualification_valid_to": today + datetime.timedelta(days=365),
                "contact_person": "基准",
            },
        )
        project = Project.objects.create(
            organisation=organisation,
            community=organisation.community,
            title="基准测试项目（账目 2000 条）",
            purpose="基准测试",
            beneficiaries="基准测试",
            area=organisation.community.name,
            starts_on=today - datetime.timedelta(days=400),
            ends_on=today + datetime.timedelta(days=200),
            goal_amount=Decimal("1000000.00"),
            responsible_person="基准",
            receiving_account="6222020012345678",
            use_plan="基准测试",
            leftover_plan="基准测试",
            filing_number=BENCH_FILING,
            filed_on=today - datetime.timedelta(days=420),
            status=Project.Status.PUBLIC,
            published_on=today - datetime.timedelta(days=400),
        )
        now = timezone.now()
        Donation.objects.bulk_create(
            Donation(
                project=project,
                kind=Donation.Kind.MONEY,
                channel=Donation.Channel.OFFLINE,
                status=Donation.Status.CONFIRMED,
                donor_name=f"捐赠人{n}",
                show_name=n % 2 == 0,
                amount=Decimal("100.00"),
                receipt_number=f"BENCH-{n:06d}",
                created_at=now,
                confirmed_at=now,
            )
            for n in range(ENTRIES)
        )
        Expenditure.objects.bulk_create(
            Expenditure(
                project=project,
                spent_on=today - datetime.timedelta(days=n % 300),
                amount=Decimal("50.00"),
                purpose="基准支出",
                payee="基准供应商有限公司",
                receipt="charity/receipts/bench.pdf",
            )
            for n in range(ENTRIES)
        )
    return project


def _project_list() -> str:
    from django.urls import reverse

    _bench_project()
    return reverse("charity:projects", args=[_community().slug])


def _project_page() -> str:
    from django.urls import reverse

    project = _bench_project()
    return reverse("charity:project", args=[project.community.slug, project.pk])


SCENARIOS = [
    Scenario("charity_project_list", _project_list),
    Scenario("charity_project_ledger_2000", _project_page),
]
