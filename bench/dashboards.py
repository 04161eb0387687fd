"""Time the street and district pages of a city-scale data set (issue 16).

Run after `seed_scale` (PostgreSQL: set DATABASE_URL):

    .venv/bin/python bench/dashboards.py --requests 50

Signs in (in process, Django's test client) as a street officer of the first
scale street and a district officer of the scale district, requests each page
`--requests` times (after one warm-up) and prints p50/p95 in ms and the number of
SQL queries of one render. Pages: the region overview and dashboard (first page
and a later page of the per-community rows) of both regions.

Unattended: collects the static files when their manifest is missing (production
settings need it) and, when the two officers have no fresh stored totals yet,
runs the totals job (`communities.refresh_region_figures`) for their two regions
first (`--no-refresh` to measure the live totals instead). Prints the load
average before and after: numbers taken on a loaded machine are only indicative.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
os.environ.setdefault("SECRET_KEY", "bench-dashboards-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")


def officer(email: str, role: str, region):
    from accounts.models import User
    from communities.roles.models import RoleGrant

    user, _created = User.objects.get_or_create(
        email=email, defaults={"display_name": "规模测试干部"}
    )
    RoleGrant.objects.get_or_create(user=user, role=role, region=region)
    # Officers' rights need two-factor authentication set up (communities.rules).
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type="totp").exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times, cpu = [], []
    for _n in range(requests):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, secure=True)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    times.sort()
    return {
        "url": url,
        "queries": len(queries),
        "p50": statistics.median(times),
        "p95": times[max(int(len(times) * 0.95) - 1, 0)],
        # This process's CPU time (Django, not PostgreSQL): on a shared machine
        # less dependent on the load than the wall-clock times.
        "cpu": statistics.median(cpu),
        "bytes": len(response.content),
    }


TARGET_MS = 300


def ensure_static() -> None:
    """Production settings serve hashed names: collect once if never done."""
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        print("collecting static files (manifest missing)…", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)


def ensure_totals(runs) -> None:
    """Run the totals job for the two regions when an officer has none, or none
    younger than one period."""
    from django.conf import settings  # after django.setup(), as every import here
    from django.utils import timezone, translation

    from communities.oversight import snapshots

    missing = []
    for user, region in runs:
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                found = snapshots.stored(region, user)
            # Fresh for the whole run: stored totals older than three periods
            # are not used (the page would compute them live).
            if found is None or found.computed_at < timezone.now() - snapshots.period():
                missing.append(region)
    if missing:
        regions = list({region.pk: region for region in missing}.values())
        started = time.perf_counter()
        written = snapshots.refresh(regions)
        print(
            f"stored totals refreshed for {', '.join(r.slug for r in regions)}: "
            f"{written} rows in {time.perf_counter() - started:.1f} s",
            flush=True,
        )


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument(
        "--no-refresh",
        action="store_true",
        help="do not run the totals job first (pages compute missing totals live)",
    )
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from communities.models import Community, Region

    street = Region.objects.get(slug="scale-street-0")
    district = Region.objects.get(slug="scale-district")
    runs = [
        (
            officer("street-officer@scale.gongzhi.test", "street_officer", street),
            street,
        ),
        (
            officer(
                "district-officer@scale.gongzhi.test", "district_officer", district
            ),
            district,
        ),
    ]
    ensure_static()
    if not args.no_refresh:
        ensure_totals(runs)
    communities = Community.objects.count()
    print(
        f"{connection.vendor}, {communities:,} communities; "
        f"{args.requests} requests per page after one warm-up; load average {load()}",
        flush=True,
    )
    rows = []
    for user, region in runs:
        client = Client()
        client.force_login(user)
        for name in ("communities:region", "communities:region-dashboard"):
            for query in ("", "?page=3"):
                url = reverse(name, args=[region.slug]) + query
                if query and region.kind != "district":
                    continue
                result = measure(client, url, args.requests)
                rows.append((region.kind, result))
                print(
                    f"dash {region.kind:8} {url:45} queries={result['queries']:3} "
                    f"p50_ms={result['p50']:.0f} p95_ms={result['p95']:.0f} "
                    f"kb={result['bytes'] // 1024}",
                    flush=True,
                )
    print(f"\nload average after: {load()}\n")
    print(
        f"| page | queries | p50 ms | p95 ms | CPU ms (p50, Django) | KB "
        f"| p95 < {TARGET_MS} ms |"
    )
    print("|---|---|---|---|---|---|---|")
    for kind, result in rows:
        verdict = "pass" if result["p95"] < TARGET_MS else "**miss**"
        print(
            f"| {kind} {result['url']} | {result['queries']} | {result['p50']:,.0f} "
            f"| {result['p95']:,.0f} | {result['cpu']:,.0f} | {result['bytes'] // 1024} "
            f"| {verdict} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
