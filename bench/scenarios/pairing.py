"""A paired region's public page (anonymous), with 100 tagged charity projects and
100 tagged volunteer activities of the first seeded community.

The paired region (基准县, slug `bench-paired`) and its tagged projects and
activities are built on first use with bulk inserts (idempotent: found again by
the slug). The page reads the contributions through the charity and volunteers
apps' public selectors in a fixed number of queries.
"""

from __future__ import annotations

from bench.scenarios import Scenario

SLUG = "bench-paired"
NAME = "基准省基准县"
ROWS = 100


def _community():
    from communities.models import Community

    community = (
        Community.objects.filter(slug__startswith="scale-").order_by("pk").first()
    )
    return community or Community.objects.order_by("pk").first()


def _tagged_rows(community, today) -> None:
    import datetime
    from decimal import Decimal

    from charity.models import Organisation, Project, credit_code_check_character
    from volunteers.models import Activity

    first17 = "53999999BENCH0002"
    organisation, _created = Organisation.objects.get_or_create(
        credit_code=first17 + credit_code_check_character(first17),
        defaults={"community": community, "name": "基准测试对口帮扶基金会",
                  "contact_person": "基准"},
    )  # fmt: skip
    Project.objects.bulk_create(
        Project(
            organisation=organisation,
            community=community,
            title=f"对口帮扶项目{n}",
            purpose="基准测试",
            beneficiaries="基准测试",
            area=NAME,
            paired_region=NAME,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=90),
            goal_amount=Decimal("10000.00"),
            responsible_person="基准",
            receiving_account="6222020012345678",
            use_plan="基准",
            leftover_plan="基准",
            filing_number=f"BENCH-PAIRED-{n:04d}",
            filed_on=today,
            status=Project.Status.PUBLIC,
            published_on=today,
        )  # fmt: skip
        for n in range(ROWS)
    )
    Activity.objects.bulk_create(
        Activity(
            community=community,
            title=f"对口帮扶志愿活动{n}",
            category="education",
            place="线上",
            paired_region=NAME,
            status=Activity.Status.PUBLISHED,
        )  # fmt: skip
        for n in range(ROWS)
    )


def _region_page() -> str:
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone

    from pairing.models import PairedRegion

    if not PairedRegion.objects.filter(slug=SLUG).exists():
        community = _community()
        with transaction.atomic():
            PairedRegion.objects.create(
                district=community.street.parent, name=NAME, province="基准省",
                slug=SLUG, agreement="基准测试协议", plan="基准测试计划")  # fmt: skip
            _tagged_rows(community, timezone.localdate())
    return reverse("pairing:region", args=[SLUG])


SCENARIOS = [Scenario("paired_region_page", _region_page)]
