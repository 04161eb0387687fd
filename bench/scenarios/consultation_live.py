"""Consultation benches.

Pages (loaded by bench/run.py like every module here):
- `consultation_list`: a community's consultation list (30 topics).
- `closed_vote_10k`: the page of a closed vote of 10,000 ballots. The tally is one
  aggregate query (`consultation.selectors.tally`); the closed page shows the stored
  result.
- `consultation_500_comments`: the page of the consultation that holds that closed
  vote, with 500 comments (450 on the topic, 50 replies) by as many residents.

Live tally (run as a script, it starts its own daphne server):

    .venv/bin/python bench/scenarios/consultation_live.py [--clients 1000]

1,000 websocket clients watch one live meeting, one checked-in resident votes from
the phone (an HTTP POST, as the page does), and the script reports the time from
sending the vote until each client has the new tally: p50, p95, max. Goal: p95 <
500 ms. Uses PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set, else a SQLite
file (var/bench-live.sqlite3) and the in-memory channel layer.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if __name__ == "__main__":  # run as a script: make `bench` importable
    sys.path.insert(0, str(ROOT))

from bench.scenarios import Scenario  # noqa: E402

BENCH_PREFIX = "bench-"
BALLOTS = 10_000


# ---------------------------------------------------------------------------
# Page scenarios (inside Django, after seed_scale)
# ---------------------------------------------------------------------------
def _community():
    from communities.models import Community

    community = (
        Community.objects.filter(slug__startswith="scale-").order_by("pk").first()
    )
    return community or Community.objects.order_by("pk").first()


def _ensure_topics(community) -> None:
    from consultation.models import Consultation, ConsultationEvent

    have = Consultation.objects.filter(
        community=community, title__startswith=BENCH_PREFIX
    ).count()
    for n in range(have, 30):
        topic = Consultation.objects.create(
            community=community,
            title=f"{BENCH_PREFIX}议题{n}",
            description="压测议题",
            origin=Consultation.Origin.COMMITTEE,
        )
        ConsultationEvent.objects.create(
            consultation=topic, from_state="", to_state="proposed"
        )


def _consultation_list() -> str:
    community = _community()
    _ensure_topics(community)
    return f"/{community.slug}/consultations/"


def _closed_vote() -> str:
    """A closed for/against/abstain vote of 10,000 online ballots (made once)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from consultation.models import (
        AgendaItem,
        Ballot,
        BallotChoice,
        Consultation,
        Elector,
        Meeting,
        Motion,
        Option,
    )
    from consultation.votes.selectors import compute_result

    community = _community()
    _ensure_topics(community)
    motion = Motion.objects.filter(
        community=community, title=f"{BENCH_PREFIX}closed-vote"
    ).first()
    if motion is None:
        topic = Consultation.objects.filter(
            community=community, title__startswith=BENCH_PREFIX
        ).first()
        now = timezone.now()
        meeting = Meeting.objects.create(
            consultation=topic,
            community=community,
            title=f"{BENCH_PREFIX}居民会议",
            form=Meeting.Form.ASSEMBLY,
            starts_at=now - datetime.timedelta(days=2),
            ends_at=now - datetime.timedelta(days=2, hours=-2),
            notice_published_at=now - datetime.timedelta(days=20),
        )
        item = AgendaItem.objects.create(meeting=meeting, position=1, title="表决")
        motion = Motion.objects.create(
            agenda_item=item,
            community=community,
            title=f"{BENCH_PREFIX}closed-vote",
            status=Motion.Status.OPEN,
            quorum_fraction="0.5",
            majority_fraction="0.5",
            opened_at=now - datetime.timedelta(days=2),
        )
        options = Option.objects.bulk_create(
            Option(motion=motion, position=i, label=code.label, code=code.value)
            for i, code in enumerate(Option.Code, start=1)
        )
        user_ids = list(
            get_user_model()
            .objects.order_by("pk")
            .values_list("pk", flat=True)[:BALLOTS]
        )
        electors = Elector.objects.bulk_create(
            (Elector(motion=motion, user_id=u) for u in user_ids), batch_size=2000
        )
        ballots = Ballot.objects.bulk_create(
            (Ballot(motion=motion, elector=e, cast_at=now) for e in electors),
            batch_size=2000,
        )
        BallotChoice.objects.bulk_create(
            (
                BallotChoice(motion=motion, option=options[i % 5 % 3], ballot=b)
                for i, b in enumerate(ballots)
            ),
            batch_size=2000,
        )
        motion.electorate_size = len(electors)
        motion.status = Motion.Status.CLOSED
        motion.closed_at = now
        motion.result = compute_result(motion)
        motion.save()
    return f"/{community.slug}/consultations/motions/{motion.pk}/"


COMMENTS = 500


def _consultation_with_comments() -> str:
    """The consultation of the closed 10,000-ballot vote, with 500 comments (made once)."""
    from django.contrib.auth import get_user_model

    from consultation.models import Comment, Motion

    _closed_vote()
    community = _community()
    motion = Motion.objects.select_related("agenda_item__meeting__consultation").get(
        community=community, title=f"{BENCH_PREFIX}closed-vote"
    )
    topic = motion.agenda_item.meeting.consultation
    have = Comment.objects.filter(consultation=topic).count()
    if have < COMMENTS:
        authors = list(
            get_user_model()
            .objects.order_by("pk")
            .values_list("pk", flat=True)[:COMMENTS]
        )
        top = Comment.objects.bulk_create(
            Comment(
                consultation=topic,
                author_id=authors[n % len(authors)],
                body=f"第{n}条意见：建议在小区北门增设充电桩，并明确收费标准。",
            )
            for n in range(have, COMMENTS - 50)
        )
        parents = top or list(Comment.objects.filter(consultation=topic)[:50])
        Comment.objects.bulk_create(
            Comment(
                consultation=topic,
                parent=parents[n % len(parents)],
                author_id=authors[(n + 7) % len(authors)],
                body=f"回复{n}：同意，另请考虑消防通道。",
            )
            for n in range(50)
        )
    return f"/{community.slug}/consultations/{topic.pk}/"


SCENARIOS = [
    Scenario("consultation_list", _consultation_list),
    Scenario("closed_vote_10k", _closed_vote),
    Scenario("consultation_500_comments", _consultation_with_comments),
]


# ---------------------------------------------------------------------------
# Live tally: many websocket clients, one vote
# ---------------------------------------------------------------------------
def _prepare_meeting() -> dict:
    """A meeting in session, its vote open, one checked-in voter (made directly,
    like seed data); returns the paths and the voter's session cookie."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from communities.models import Community, Region
    from communities.services import create_community, ensure_portal
    from consultation.live import tokens as live_tokens  # needs django.setup()
    from consultation.models import (
        AgendaItem,
        Consultation,
        Elector,
        Meeting,
        Motion,
        Option,
        Participant,
    )

    ensure_portal()
    community = Community.objects.filter(slug="bench-live").first()
    if community is None:
        district = Region.objects.filter(kind=Region.Kind.DISTRICT).first()
        if district is None:
            district = Region.objects.create(
                kind=Region.Kind.DISTRICT, name="压测区", slug="bench-district"
            )
        street, _ = Region.objects.get_or_create(
            slug="bench-live-street",
            defaults={
                "kind": Region.Kind.STREET,
                "name": "压测街道",
                "parent": district,
            },
        )
        community = create_community(
            street=street, name="压测社区", slug="bench-live", kind="community"
        )
    now = timezone.now()
    topic = Consultation.objects.create(
        community=community,
        title="压测：现场表决",
        description="bench",
        origin=Consultation.Origin.COMMITTEE,
        state="notice_published",
    )
    meeting = Meeting.objects.create(
        consultation=topic,
        community=community,
        title="压测议事会",
        form=Meeting.Form.DELIBERATION,
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=2),
        notice_published_at=now - datetime.timedelta(days=5),
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="表决")
    meeting.current_item = item
    meeting.save()
    voter, _ = get_user_model().objects.get_or_create(
        email="bench-live-voter@example.org", defaults={"display_name": "投票人"}
    )
    Participant.objects.create(
        meeting=meeting,
        user=voter,
        kind=Participant.Kind.RESIDENT,
        how=Participant.How.INVITED,
        checked_in_at=now,
    )
    motion = Motion.objects.create(
        agenda_item=item,
        community=community,
        title="是否同意",
        status=Motion.Status.OPEN,
        quorum_fraction="0.5",
        majority_fraction="0.5",
        electorate_size=1,
        opened_at=now,
    )
    options = Option.objects.bulk_create(
        Option(motion=motion, position=i, label=code.label, code=code.value)
        for i, code in enumerate(Option.Code, start=1)
    )
    Elector.objects.create(motion=motion, user=voter)
    client = Client()
    client.force_login(voter)
    name = settings.SESSION_COOKIE_NAME
    return {
        "ws_path": f"/ws/consultation/meetings/{meeting.pk}/live/"
        f"?view=projector&key={live_tokens.projector_key(meeting)}",
        "vote_path": reverse(
            "consultation:live-vote", args=[community.slug, meeting.pk]
        ),
        "vote_body": f"motion={motion.pk}&option={options[0].pk}",
        "cookie": f"{name}={client.cookies[name].value}",
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
    }


async def _measure(port: int, plan: dict, clients: int) -> dict:
    from bench.wsclient import WebSocket

    host = "127.0.0.1"
    sockets: list[WebSocket] = []

    async def open_one():
        socket = await WebSocket.connect(host, port, plan["ws_path"])
        first = await asyncio.wait_for(socket.receive_json(), 60)
        if first.get("type") != "state" or first["motion"]["turnout"] != 0:
            raise SystemExit(f"bench: unexpected first message {first!r}")
        sockets.append(socket)

    # Warm the server up as a running site is: one request through the same view.
    await _post(host, port, plan, "action=warm-up")
    for start in range(0, clients, 50):  # connect in batches, like a filling room
        await asyncio.gather(*(open_one() for _ in range(min(50, clients - start))))

    arrived: list[float] = []

    async def wait_tally(socket: WebSocket):
        while True:
            message = await socket.receive_json()
            if message.get("type") == "state" and message["motion"]["turnout"] == 1:
                arrived.append(time.perf_counter())
                return

    waiters = [asyncio.create_task(wait_tally(s)) for s in sockets]
    sent = time.perf_counter()
    status = await _post(host, port, plan, plan["vote_body"])
    answered = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*waiters), 60)
    for socket in sockets:
        await socket.close()
    delays = sorted((t - sent) * 1000 for t in arrived)

    def pct(p: float) -> float:
        return delays[min(len(delays) - 1, int(round(p * len(delays))) - 1)]

    return {
        "clients": len(delays),
        "post_status": status,
        "post_ms": round((answered - sent) * 1000, 1),
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "max_ms": round(delays[-1], 1),
    }


async def _post(host: str, port: int, plan: dict, body: str) -> int:
    """The voter's phone posts the live page's form (session and CSRF cookies)."""
    csrf = "b" * 32
    request = (
        f"POST {plan['vote_path']} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Cookie: {plan['cookie']}; {plan['csrf_cookie']}={csrf}\r\n"
        f"X-CSRFToken: {csrf}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}"
    ).encode()
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(request)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    await reader.read()
    writer.close()
    return status


def main() -> int:  # pragma: no cover - a bench, run by hand
    from bench.run import bench_env, free_port, manage, wait_until_up

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    args = parser.parse_args()
    env = bench_env(args)
    if not os.environ.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(ROOT / "var" / "bench-live.sqlite3")
    os.environ.update(env)
    manage(env, "migrate", "--no-input", "-v", "0")
    plan = _prepare_meeting()
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "daphne"),
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "config.asgi:application",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}")
        result = asyncio.run(_measure(port, plan, args.clients))
    finally:
        server.terminate()
        server.wait(10)
    layer = "redis" if env.get("REDIS_URL") else "in-memory"
    database = "postgresql" if env.get("DATABASE_URL") else "sqlite"
    print(
        "bench consultation_live_tally "
        + " ".join(f"{k}={v}" for k, v in result.items())
        + f" layer={layer} db={database} goal_p95_ms=500 "
        + ("pass" if result["p95_ms"] < 500 else "MISS")
    )
    return 0 if result["p95_ms"] < 500 else 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
