"""Time the street and district pages of a city-scale data set (issue 16).

Run after `seed_scale` (PostgreSQL: set DATABASE_URL):

    .venv/bin/python bench/dashboards.py --requests 50

Signs in (in process, Django's test client) as a street officer of the first
scale street and a district officer of the scale district, requests each page
`--requests` times (after one warm-up) and prints p50/p95 in ms and the number of
SQL queries of one render. Pages: the region overview and dashboard (first page
and a later page of the per-community rows) of both regions.
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
    times = []
    for _n in range(requests):
        started = time.perf_counter()
        response = client.get(url, secure=True)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "url": url,
        "queries": len(queries),
        "p50": statistics.median(times),
        "p95": times[max(int(len(times) * 0.95) - 1, 0)],
        "bytes": len(response.content),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from communities.models import Region

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
    for user, region in runs:
        client = Client()
        client.force_login(user)
        for name in ("communities:region", "communities:region-dashboard"):
            for query in ("", "?page=3"):
                url = reverse(name, args=[region.slug]) + query
                if query and region.kind != "district":
                    continue
                result = measure(client, url, args.requests)
                print(
                    f"dash {region.kind:8} {url:45} queries={result['queries']:3} "
                    f"p50_ms={result['p50']:.0f} p95_ms={result['p95']:.0f} "
                    f"kb={result['bytes'] // 1024}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
