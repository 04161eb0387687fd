"""The write scenarios of `make bench` (bench/scenarios/writes.py) build valid POSTs:
each one, sent once through the normal view with a server-side session and CSRF
checks on, is accepted and makes its row; the sign-up rush leaves exactly as many
confirmed as the shift has places; a POST without its CSRF token is refused."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import run as bench_run
from bench.scenarios import writes
from bench.writes import post_with_client, raw_post, sessions_for


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(writes, "WRITERS", 12)
    monkeypatch.setattr(writes, "SHIFTS", 3)
    monkeypatch.setattr(writes, "RUSH_VOLUNTEERS", 8)
    monkeypatch.setattr(writes, "RUSH_PLACES", 3)


@pytest.mark.parametrize("scenario", writes.WRITE_SCENARIOS, ids=lambda s: s.name)
def test_each_write_is_accepted_through_the_normal_view(db, small, scenario):
    plan = scenario.plan(5)
    assert len({r.user_id for r in plan.requests}) == len(plan.requests) == 5
    sessions = sessions_for([r.user_id for r in plan.requests])
    for sent, request in enumerate(plan.requests[:2], start=1):
        response = post_with_client(request, sessions[request.user_id])
        assert response.status_code == 302, response.content[:300]
        assert plan.created() == sent


def test_the_rush_confirms_exactly_the_places(db, small):
    scenario = next(s for s in writes.WRITE_SCENARIOS if s.name == "write_signup_rush")
    assert scenario.burst
    plan = scenario.plan(100)
    assert len(plan.requests) == 8
    sessions = sessions_for([r.user_id for r in plan.requests])
    for request in plan.requests:
        assert post_with_client(request, sessions[request.user_id]).status_code == 302
    assert plan.created() == 8
    assert plan.check() == (True, "3 confirmed, 5 waitlisted")


def test_a_second_run_gets_fresh_data_and_nobody_is_refused(db, small):
    """Re-running the bench reuses the residents: earlier sign-ups at other times,
    ballots on an earlier motion, refuse nothing in the new run."""
    for _ in range(2):
        for name in ("plan_signup", "plan_vote"):
            plan = getattr(writes, name)(3)
            sessions = sessions_for([r.user_id for r in plan.requests])
            for request in plan.requests:
                post_with_client(request, sessions[request.user_id])
            assert plan.created() == 3


def test_a_refused_write_answers_with_a_redirect_but_makes_no_row(db, small):
    """Why the harness compares rows with answers: a ballot cast twice is refused
    with a message and a redirect, like a success."""
    plan = writes.plan_vote(2)
    request = plan.requests[0]
    session = sessions_for([request.user_id])[request.user_id]
    assert post_with_client(request, session).status_code == 302
    assert post_with_client(request, session).status_code == 302
    assert plan.created() == 1


def test_csrf_is_checked(db, small, client):
    plan = writes.plan_pledge(1)
    request = plan.requests[0]
    session = sessions_for([request.user_id])[request.user_id]
    from django.conf import settings
    from django.test import Client

    forged = Client(enforce_csrf_checks=True)
    forged.cookies[settings.SESSION_COOKIE_NAME] = session
    assert forged.post(request.path, request.data).status_code == 403
    assert plan.created() == 0


def test_the_raw_request_carries_session_csrf_and_body(db, small):
    plan = writes.plan_comment(1)
    request = plan.requests[0]
    raw = raw_post("127.0.0.1:8000", request, "k" * 32)
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(f"POST {request.path} HTTP/1.1".encode())
    assert b"sessionid=" + b"k" * 32 in head
    assert f"Content-Length: {len(body)}".encode() in head
    assert b"csrfmiddlewaretoken=" in body and b"body=" in body


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # user, motion with its agenda item (one query), electors (once), option
        # ids, checked in?, then under the motion's lock: its status, the ballot,
        # its choice (and the test's savepoints). The live push's meeting comes
        # from the view's motion.
        ("write_vote", 10),
        # user, suggestion with its community and policy, memberships; the
        # support, committed on its own (inside the test's transaction it takes a
        # savepoint: two queries more), then its supporters and the adult
        # residents counted in one query. Nothing is locked below the threshold.
        ("write_support", 7),
        # user, shift with its activity and community, memberships; under the
        # shift's lock: it, the profile (locked), the person's clashing sign-ups
        # with the places taken (one query), the sign-up (and the test's
        # savepoints); then the shift's place on its page for the redirect (SQL:
        # one query more than reading it with the shift, 15 % less CPU).
        ("write_signup", 10),
        # user, consultation with its community (one query), memberships, the
        # comment, then the count of threads before it for the redirect to its
        # page of the discussion.
        ("write_comment", 5),
    ],
)
def test_the_writes_queries_are_pinned(db, small, name, queries):
    """The write's own queries, without the session's: read from the database
    without Redis, from Redis with it (config/sessions.py), where the bench makes
    sessions as signing in does (`sessions_for`)."""
    scenario = next(s for s in writes.WRITE_SCENARIOS if s.name == name)
    plan = scenario.plan(3)
    request = plan.requests[0]
    session = sessions_for([request.user_id])[request.user_id]
    with CaptureQueriesContext(connection) as captured:
        assert post_with_client(request, session).status_code == 302
    own = [q["sql"] for q in captured if '"django_session"' not in q["sql"]]
    assert len(own) == queries, "\n".join(own)
    assert plan.created() == 1


@pytest.mark.parametrize(
    ("sqls", "signed_in", "counted"),
    [
        # Session read from the database (no Redis, or a cache miss), user, page.
        (['SELECT … FROM "django_session" …', "SELECT user", "SELECT page"], True, 1),
        # Session read from Redis (config/sessions.py): only the user is the probe's.
        (["SELECT user", "SELECT page", "SELECT more"], True, 2),
        (["SELECT page"], False, 1),
    ],
)
def test_the_probe_counts_only_the_pages_own_queries(sqls, signed_in, counted):
    captured = [{"sql": sql} for sql in sqls]
    assert bench_run._page_queries(captured, signed_in=signed_in) == counted
