#!/usr/bin/env python
"""`make bench`: page throughput as a ratio of a no-work floor measured in the same run.

1. Prepares a production-like database (PostgreSQL when DATABASE_URL is set, else a
   SQLite file var/bench.sqlite3) with `seed_scale` data and the demo data.
2. Starts gunicorn with 2 sync workers, DEBUG off, production settings.
3. Measures the floor (`/healthz`, which does no work) and then every page in
   `bench/scenarios` with one load generator (wrk if installed, else a built-in
   asyncio client), 32 connections.
4. Then every write scenario (`WRITE_SCENARIOS`, e.g. `write_vote`): real POSTs
   with a server-side session and a CSRF token per request, each by a distinct
   resident, through the normal views (bench/writes.py); a request refused by the
   service (answered with a redirect but no row made) counts as an error.
5. Prints `bench NAME rps=… floor_rps=… ratio=… p95_ms=… queries=…` per page and
   writes bench/results.json. Ratios, not seconds, are the targets: they hold on
   any machine because the floor is measured on the same one, in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ANON_MIN_RATIO = 0.25
ANON_MAX_P95_MS = 100.0
SIGNED_IN_MIN_RATIO = 0.10
WRITE_MIN_RATIO = 0.05
BURST_TIMEOUT_S = 120


@dataclass
class Result:
    name: str
    path: str
    signed_in: bool
    rps: float
    floor_rps: float
    ratio: float
    p95_ms: float
    queries: int | None
    errors: int
    target_ratio: float
    target_p95_ms: float | None
    ok: bool
    kind: str = "page"
    note: str = ""


def bench_env(args) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    if not env.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(ROOT / "var" / "bench.sqlite3")
    return env


def ensure_database(env: dict[str, str]) -> None:
    """PostgreSQL: create the database of DATABASE_URL when it does not exist yet
    (`migrate` cannot), so a first run needs nothing done by hand."""
    url = env.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg  # only with PostgreSQL
    from psycopg import sql  # only with PostgreSQL

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        found = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if found is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env: dict[str, str], *argv: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *argv], env=env, check=True
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, timeout: float = 240) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("bench: the server did not come up")


# ---------------------------------------------------------------------------
# Load generators
# ---------------------------------------------------------------------------
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("GZ p95_us=%d\\n", latency:percentile(95)))
  io.write(string.format("GZ non2xx=%d\\n", summary.errors.status))
  io.write(string.format("GZ sockerr=%d\\n",
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def run_wrk(
    url: str, connections: int, duration: int, cookie: str | None
) -> tuple[float, float, int]:
    script = ROOT / "var" / "bench-p95.lua"
    script.parent.mkdir(exist_ok=True)
    script.write_text(WRK_SCRIPT)
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", str(script)]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p95_ms = int(re.search(r"GZ p95_us=(\d+)", out).group(1)) / 1000
    errors = int(re.search(r"GZ non2xx=(\d+)", out).group(1)) + int(
        re.search(r"GZ sockerr=(\d+)", out).group(1)
    )
    return rps, p95_ms, errors


async def _client(
    host: str, port: int, path: str, cookie: str | None, stop: float, latencies, errors
):
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: keep-alive\r\n"
    )
    if cookie:
        request += f"Cookie: {cookie}\r\n"
    request = (request + "\r\n").encode()
    reader = writer = None
    while time.monotonic() < stop:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
            status = int(status_line.split()[1])
            length, close = 0, False
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
                elif name.lower() == "connection" and value.strip().lower() == "close":
                    close = True
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if status >= 400:
                errors[0] += 1
            if close:
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            errors[0] += 1
            writer = None
    if writer is not None:
        writer.close()


def run_asyncio(
    url: str, connections: int, duration: int, cookie: str | None
) -> tuple[float, float, int]:
    match = re.match(r"http://([^:/]+):(\d+)(/.*)", url)
    host, port, path = match.group(1), int(match.group(2)), match.group(3)
    latencies: list[float] = []
    errors = [0]

    async def main() -> float:
        started = time.monotonic()
        stop = started + duration
        await asyncio.gather(
            *(
                _client(host, port, path, cookie, stop, latencies, errors)
                for _ in range(connections)
            )
        )
        return time.monotonic() - started

    elapsed = asyncio.run(main())
    latencies.sort()
    p95 = (
        latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else float("inf")
    )
    return len(latencies) / elapsed, p95, errors[0]


# ---------------------------------------------------------------------------
# Inside Django: paths, signed-in session, query counts
# ---------------------------------------------------------------------------
def prepare_in_django(scenarios):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from communities.cache import bump_generation
    from communities.membership import personal
    from communities.models import Membership

    member = Membership.objects.verified().select_related("user").order_by("pk").first()

    def cookie_of(user) -> str:
        client = Client()
        client.force_login(user)
        return f"sessionid={client.cookies['sessionid'].value}"

    session_cookie = cookie_of(member.user)

    planned = []
    for scenario in scenarios:
        path = scenario.path()
        user = scenario.user() if scenario.user else member.user
        cookie = None
        if scenario.signed_in:
            cookie = session_cookie if scenario.user is None else cookie_of(user)
        probe = Client()
        if scenario.signed_in:
            probe.force_login(user)
        bump_generation()  # measure an uncached render
        personal.forget_everyone()  # and an uncached "my communities" summary
        with CaptureQueriesContext(connection) as captured:
            response = probe.get(path, headers={"host": "127.0.0.1"})
        if response.status_code != 200:
            raise SystemExit(
                f"bench: {scenario.name} {path} answered {response.status_code}"
            )
        queries = _page_queries(captured, signed_in=scenario.signed_in)
        planned.append((scenario, path, queries, cookie))
    return planned


def _page_queries(captured, *, signed_in: bool) -> int:
    """The request's queries, less the probe's own session and user look-ups (with
    Redis the session is read from the cache, config/sessions.py: no query then)."""
    queries = [q["sql"] for q in captured]
    if not signed_in:
        return len(queries)
    return sum('"django_session"' not in sql for sql in queries) - 1


def prepare_writes(scenarios, pool: int):
    """Build each write scenario's data and requests, give every writer a session,
    and send one request of each through the test client (CSRF on) to check it is
    accepted and count its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.writes import post_with_client, sessions_for

    planned = []
    for scenario in scenarios:
        plan = scenario.plan(pool)
        sessions = sessions_for(sorted({r.user_id for r in plan.requests}))
        queries = None
        if not scenario.burst:  # a rush's requests are all part of its rule
            probe = plan.requests.pop()
            with CaptureQueriesContext(connection) as captured:
                response = post_with_client(probe, sessions[probe.user_id])
            if response.status_code >= 400 or plan.created() != 1:
                raise SystemExit(
                    f"bench: {scenario.name} {probe.path} was not accepted "
                    f"({response.status_code}, {plan.created()} rows)"
                )
            queries = _page_queries(captured, signed_in=True)
        planned.append((scenario, plan, sessions, plan.created(), queries))
    connection.close()  # nothing held open while the server writes (SQLite)
    return planned


def run_write(scenario, plan, sessions, baseline, port, args, floor_rps) -> Result:
    from bench.writes import raw_post, run_posts

    host = f"127.0.0.1:{port}"
    raw = [raw_post(host, r, sessions[r.user_id]) for r in plan.requests]
    duration = BURST_TIMEOUT_S if scenario.burst else args.duration
    measured = run_posts("127.0.0.1", port, raw, args.connections, duration)
    created = plan.created() - baseline
    refused = max(0, measured["ok"] - created)
    errors = measured["http_errors"] + refused
    held, found = plan.check() if plan.check else (True, "")
    rps = measured["rps"]
    ratio = rps / floor_rps if floor_rps else 0.0
    target_ratio = 0.0 if scenario.burst else WRITE_MIN_RATIO
    ok = (
        ratio >= target_ratio
        and measured["p95_ms"] < scenario.target_p95_ms
        and errors == 0
        and held
    )
    notes = [f"{measured['sent']} sent, {created} rows"]
    if refused:
        notes.append(f"{refused} refused")
    if measured["5xx"]:
        notes.append(f"{measured['5xx']} server errors")
    if not scenario.burst and measured["left"] == 0:
        notes.append("pool used up before the duration")
    if found:
        notes.append(found)
    connection_close()
    return Result(
        scenario.name,
        plan.requests[0].path if plan.requests else "",
        True,
        round(rps, 1),
        round(floor_rps, 1),
        round(ratio, 3),
        round(measured["p95_ms"], 1),
        None,
        errors,
        target_ratio,
        scenario.target_p95_ms,
        ok,
        kind="write",
        note="; ".join(notes),
    )


def connection_close() -> None:
    from django.db import connection

    connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--communities", type=int, default=int(os.environ.get("BENCH_COMMUNITIES", 100))
    )
    parser.add_argument(
        "--residents", type=int, default=int(os.environ.get("BENCH_RESIDENTS", 100_000))
    )
    parser.add_argument(
        "--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 10))
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", help="comma-separated scenario names")
    parser.add_argument(
        "--skip-seed", action="store_true", help="reuse the data already seeded"
    )
    parser.add_argument(
        "--write-pool",
        type=int,
        default=int(os.environ.get("BENCH_WRITE_POOL", 2000)),
        help="distinct writers (and so at most requests) per write scenario",
    )
    parser.add_argument("--client", choices=["auto", "wrk", "asyncio"], default="auto")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target is missed"
    )
    args = parser.parse_args()

    env = bench_env(args)
    os.environ.update(env)
    if not args.skip_seed:
        ensure_database(env)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(
            env,
            "seed_scale",
            "--communities",
            str(args.communities),
            "--residents",
            str(args.residents),
        )
        # The demo communities too: the governance scenarios read their disclosures
        # and the convention adopted in two versions (idempotent).
        manage(env, "seed_demo", "--force")
    manage(env, "collectstatic", "--no-input", "-v", "0")

    import django

    django.setup()  # some scenario modules import models at load time
    from bench.scenarios import all_scenarios, all_write_scenarios

    scenarios = all_scenarios()
    write_scenarios = all_write_scenarios()
    if args.only:
        wanted = set(args.only.split(","))
        scenarios = [s for s in scenarios if s.name in wanted]
        write_scenarios = [s for s in write_scenarios if s.name in wanted]
    planned = prepare_in_django(scenarios)
    write_planned = prepare_writes(write_scenarios, args.write_pool)

    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
    generator = run_wrk if use_wrk else run_asyncio
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            "--backlog",
            "2048",
        ],
        env=env,
        cwd=ROOT,
    )
    results: list[Result] = []
    try:
        wait_until_up(base)
        print(
            f"bench: load generator {'wrk' if use_wrk else 'asyncio'}, {args.connections} connections, {args.duration}s per page"
        )
        generator(base + "/healthz", args.connections, 2, None)  # warm up
        floor_rps, floor_p95, floor_errors = generator(
            base + "/healthz", args.connections, args.duration, None
        )
        print(
            f"bench floor path=/healthz rps={floor_rps:.0f} p95_ms={floor_p95:.1f} errors={floor_errors}"
        )
        for scenario, path, queries, cookie in planned:
            generator(
                base + path, args.connections, 2, cookie
            )  # warm caches and workers
            rps, p95, errors = generator(
                base + path, args.connections, args.duration, cookie
            )
            ratio = rps / floor_rps if floor_rps else 0.0
            target_ratio = SIGNED_IN_MIN_RATIO if scenario.signed_in else ANON_MIN_RATIO
            target_p95 = None if scenario.signed_in else ANON_MAX_P95_MS
            ok = (
                ratio >= target_ratio
                and errors == 0
                and (target_p95 is None or p95 < target_p95)
            )
            result = Result(
                scenario.name,
                path,
                scenario.signed_in,
                round(rps, 1),
                round(floor_rps, 1),
                round(ratio, 3),
                round(p95, 1),
                queries,
                errors,
                target_ratio,
                target_p95,
                ok,
            )
            results.append(result)
            print(
                f"bench {scenario.name} rps={rps:.0f} floor_rps={floor_rps:.0f} ratio={ratio:.2f} "
                f"p95_ms={p95:.1f} queries={queries}"
                + (f" errors={errors}" if errors else "")
                + f" target=ratio>={target_ratio}"
                + (f",p95<{target_p95:.0f}" if target_p95 else "")
                + (" PASS" if ok else " FAIL")
            )
        for scenario, plan, sessions, baseline, queries in write_planned:
            result = run_write(
                scenario, plan, sessions, baseline, port, args, floor_rps
            )
            result.queries = queries
            results.append(result)
            print(
                f"bench {result.name} rps={result.rps:.0f} floor_rps={floor_rps:.0f} "
                f"ratio={result.ratio:.3f} p95_ms={result.p95_ms:.1f} queries={queries}"
                + (f" errors={result.errors}" if result.errors else "")
                + f" target=ratio>={result.target_ratio},p95<{result.target_p95_ms:.0f}"
                + f" ({result.note})"
                + (" PASS" if result.ok else " FAIL")
            )
    finally:
        server.terminate()
        server.wait(timeout=20)

    out = ROOT / "bench" / "results.json"
    out.write_text(
        json.dumps(
            {
                "generator": "wrk" if use_wrk else "asyncio",
                "connections": args.connections,
                "duration_s": args.duration,
                "workers": args.workers,
                "database": "postgresql"
                if os.environ.get("DATABASE_URL")
                else "sqlite",
                "communities": args.communities,
                "residents": args.residents,
                "floor_rps": round(floor_rps, 1),
                "results": [asdict(r) for r in results],
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    print(f"bench: wrote {out.relative_to(ROOT)}")
    failed = [r.name for r in results if not r.ok]
    if failed:
        print("bench: targets missed: " + ", ".join(failed))
    return 1 if (failed and args.strict) else 0


if __name__ == "__main__":
    raise SystemExit(main())
