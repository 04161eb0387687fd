"""Bulk data at district scale for benchmarks and query-count checks.

`manage.py seed_scale --communities 100 --residents 100000` builds one district with
a street per ten communities, each community through `create_community` (so it has
its home page and settings like any other), and residents in households as verified
members, written with bulk inserts and one shared password hash. Running it again
tops up to the requested numbers instead of duplicating.
"""

from __future__ import annotations

import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from communities import services
from communities.models import Community, Household, Membership, Region

BATCH = 2000
PER_STREET = 10
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


class Command(BaseCommand):
    help = (
        "Create bulk district-scale data (communities, households, verified residents)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--communities", type=int, default=100)
        parser.add_argument("--residents", type=int, default=100_000)
        parser.add_argument(
            "--password", default=None, help="defaults to DEMO_PASSWORD"
        )

    def handle(
        self, *args, communities: int, residents: int, password: str | None, **options
    ):
        if communities < 1 or residents < 0:
            raise CommandError(
                "--communities must be at least 1 and --residents not negative."
            )
        from django.conf import settings

        started = time.monotonic()
        hashed = make_password(password or settings.DEMO_PASSWORD)
        targets = self._communities(communities)
        per_community = residents // communities
        extra = residents % communities
        created_total = 0
        for index, community in enumerate(targets):
            wanted = per_community + (1 if index < extra else 0)
            created_total += self._residents(community, index, wanted, hashed)
        # Bulk inserts leave the planner's statistics stale (PostgreSQL would pick
        # sequential scans until autovacuum catches up): refresh them now.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"seed_scale: {len(targets)} communities, {created_total} new residents "
            f"({Membership.objects.filter(community__slug__startswith='scale-').count()} in all) "
            f"in {elapsed:.1f}s"
        )

    def _communities(self, count: int) -> list[Community]:
        services.ensure_portal()
        district, _ = Region.objects.get_or_create(
            slug="scale-district",
            defaults={"kind": Region.Kind.DISTRICT, "name": "规模测试区"},
        )
        result = []
        for i in range(count):
            street_no = i // PER_STREET
            street, _ = Region.objects.get_or_create(
                slug=f"scale-street-{street_no}",
                defaults={
                    "kind": Region.Kind.STREET,
                    "name": f"规模{street_no + 1}街道",
                    "parent": district,
                },
            )
            slug = f"scale-{i + 1}"
            community = Community.objects.filter(slug=slug).first()
            if community is None:
                community = services.create_community(
                    street=street,
                    name=f"规模{i + 1}{'村' if i % 4 == 3 else '社区'}",
                    slug=slug,
                    kind=Community.Kind.VILLAGE
                    if i % 4 == 3
                    else Community.Kind.COMMUNITY,
                )
            result.append(community)
        return result

    @transaction.atomic
    def _residents(
        self, community: Community, index: int, wanted: int, hashed: str
    ) -> int:
        have = Membership.objects.filter(community=community).count()
        missing = wanted - have
        if missing <= 0:
            return 0
        now = timezone.now()
        start = have
        # Two or three people per household, like a real estate of flats.
        households_needed = (wanted + 2) // 3
        existing = Household.objects.filter(community=community).count()
        new_households = []
        for h in range(existing, households_needed):
            if community.is_village:
                new_households.append(
                    Household(
                        community=community,
                        village_group=f"{h // 50 + 1}组",
                        house_number=str(h % 50 + 1),
                    )
                )
            else:
                new_households.append(
                    Household(
                        community=community,
                        building=str(h // 60 + 1),
                        unit=str(h // 20 % 3 + 1),
                        room=str(101 + h % 20),
                    )
                )
        Household.objects.bulk_create(new_households, batch_size=BATCH)
        household_ids = list(
            Household.objects.filter(community=community)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for batch_start in range(start, wanted, BATCH):
            batch_end = min(batch_start + BATCH, wanted)
            users = [
                User(
                    email=f"scale-{index + 1}-{n}@scale.gongzhi.test",
                    display_name=SURNAMES[n % len(SURNAMES)]
                    + GIVEN[(n * 7) % len(GIVEN)],
                    password=hashed,
                    date_joined=now,
                )
                for n in range(batch_start, batch_end)
            ]
            User.objects.bulk_create(users, batch_size=BATCH)
            emails = [u.email for u in users]
            user_ids = dict(
                User.objects.filter(email__in=emails).values_list("email", "pk")
            )
            Membership.objects.bulk_create(
                [
                    Membership(
                        user_id=user_ids[email],
                        community=community,
                        household_id=household_ids[n // 3 % len(household_ids)],
                        status=Membership.Status.VERIFIED,
                        requested_at=now,
                        decided_at=now,
                        is_representative=(n % 3 == 0),
                    )
                    for n, email in zip(
                        range(batch_start, batch_end), emails, strict=True
                    )
                ],
                batch_size=BATCH,
            )
        return missing
