"""Bulk data at district or city scale for benchmarks and query-count checks.

`manage.py seed_scale --communities 3000 --residents 3000000` builds a city: one
top region with a street per twenty communities (150 streets), each community
with everything `create_community` gives it (written in bulk per street,
`communities.management.scale.tree`), residents in households as verified
members (PostgreSQL COPY, one shared password hash), and, in proportion to the
residents, disclosures due, consultations, volunteer shifts and donations
(`scale.activity`). Progress lines show counts, rate and ETA. Running it again
tops up to the requested numbers instead of duplicating.
"""

from __future__ import annotations

import time
from unittest import mock

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from communities import cache
from communities.management.scale import activity, people, tree
from communities.management.scale.progress import Progress
from communities.models import Community, Membership, Region
from communities.regions.services import ensure_portal


class Command(BaseCommand):
    help = (
        "Create bulk district- or city-scale data (communities, households, verified "
        "residents, disclosures, consultations, shifts, donations)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--communities", type=int, default=100)
        parser.add_argument("--residents", type=int, default=100_000)
        parser.add_argument(
            "--per-street", type=int, default=20, help="communities per street"
        )
        parser.add_argument(
            "--no-activity",
            action="store_true",
            help="residents only: no disclosures, consultations, shifts, donations",
        )
        parser.add_argument(
            "--password", default=None, help="defaults to DEMO_PASSWORD"
        )

    def handle(
        self,
        *args,
        communities: int,
        residents: int,
        per_street: int,
        no_activity: bool,
        password: str | None,
        **options,
    ):
        if communities < 1 or residents < 0 or per_street < 1:
            raise CommandError(
                "--communities and --per-street must be at least 1 and --residents "
                "not negative."
            )
        from django.conf import settings

        started = time.monotonic()
        self.say(
            f"seed_scale: {communities:,} communities, {residents:,} residents "
            f"on {connection.vendor}"
        )
        hashed = make_password(password or settings.DEMO_PASSWORD)
        # Every insert would retire the page cache (two round trips each): retire
        # it once at the end instead.
        with mock.patch.object(cache, "_bump_now", lambda: None):
            targets = self._communities(communities, per_street)
            per_community = residents // communities
            extra = residents % communities
            plan = [
                (community, index, per_community + (1 if index < extra else 0))
                for index, community in enumerate(targets)
            ]
            created = self._residents(plan, hashed)
            if not no_activity:
                self._activity([(c, wanted) for c, _i, wanted in plan])
        cache.bump_generation()
        step = time.monotonic()
        # Bulk inserts leave the planner's statistics stale (PostgreSQL would pick
        # sequential scans until autovacuum catches up): refresh them now.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.say(f"  statistics refreshed (ANALYZE) in {time.monotonic() - step:.0f}s")
        total = Membership.objects.filter(community__slug__startswith="scale-").count()
        self.say(
            f"seed_scale: {len(targets):,} communities, {created:,} new residents "
            f"({total:,} in all) in {time.monotonic() - started:.1f}s"
        )

    def say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def _communities(self, count: int, per_street: int) -> list[Community]:
        ensure_portal()
        district, _ = Region.objects.get_or_create(
            slug="scale-district",
            defaults={"kind": Region.Kind.DISTRICT, "name": "规模测试区"},
        )
        streets_needed = (count + per_street - 1) // per_street
        streets = {
            r.slug: r for r in Region.objects.filter(slug__startswith="scale-street-")
        }
        for street_no in range(streets_needed):
            slug = f"scale-street-{street_no}"
            if slug not in streets:
                streets[slug] = Region.objects.create(
                    slug=slug,
                    kind=Region.Kind.STREET,
                    name=f"规模{street_no + 1}街道",
                    parent=district,
                )
        existing = {
            c.slug: c
            for c in Community.objects.filter(slug__startswith="scale-").exclude(
                slug__startswith="scale-street-"
            )
        }
        missing = [i for i in range(count) if f"scale-{i + 1}" not in existing]
        progress = Progress("communities", len(missing), self.say)
        by_street: dict[int, list[int]] = {}
        for i in missing:
            by_street.setdefault(i // per_street, []).append(i)
        for street_no, indexes in by_street.items():
            street = streets[f"scale-street-{street_no}"]
            specs = [
                tree.Spec(
                    street=street,
                    name=f"规模{i + 1}{'村' if i % 4 == 3 else '社区'}",
                    slug=f"scale-{i + 1}",
                    kind=Community.Kind.VILLAGE
                    if i % 4 == 3
                    else Community.Kind.COMMUNITY,
                )
                for i in indexes
            ]
            with transaction.atomic():
                for community in tree.create_communities(specs):
                    existing[community.slug] = community
            progress.advance(len(specs))
        return [existing[f"scale-{i + 1}"] for i in range(count)]

    def _residents(self, plan, hashed: str) -> int:
        have = Membership.objects.filter(
            community__in=[c for c, _i, _w in plan]
        ).count()
        wanted = sum(w for _c, _i, w in plan)
        progress = Progress("residents", max(wanted - have, 0), self.say)
        created = 0
        # One transaction per street's worth of communities.
        for start in range(0, len(plan), 20):
            with transaction.atomic():
                created += people.seed_residents(
                    plan[start : start + 20], hashed, progress.advance
                )
        return created

    def _activity(self, plan) -> None:
        progress = Progress("activity (communities)", len(plan), self.say)
        totals: dict[str, int] = {}
        for start in range(0, len(plan), 100):
            with transaction.atomic():
                for key, n in activity.seed_activity(plan[start : start + 100]).items():
                    totals[key] = totals.get(key, 0) + n
            progress.advance(len(plan[start : start + 100]))
        self.say(
            "  activity: " + ", ".join(f"{n:,} {key}" for key, n in totals.items())
        )
