"""Two ASGI server processes, one Redis channel layer: a change made through one
server reaches a page connected to the other.

Marked postgres: both daphne processes must share the test database with this
process and with each other while they write (PostgreSQL), and the event must cross
processes through Redis (REDIS_URL); neither exists in the embedded SQLite setup.
Run with DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/<n>.
"""

from __future__ import annotations

import asyncio
from functools import partial

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client

from bench.wsclient import WebSocket
from consultation.live import services as live_services
from consultation.live import tokens as live_tokens

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        not (settings.IS_POSTGRES and getattr(settings, "REDIS_URL", "")),
        reason="needs PostgreSQL shared by two server processes and the Redis "
        "channel layer (DATABASE_URL and REDIS_URL)",
    ),
]


def _child_setup(name: str) -> None:
    """In the forked server: the test database, and a channel layer of its own.

    A layer the parent already made would be inherited with its client prefix, so
    both servers would read the same Redis lists and steal each other's events.
    """
    from channels.layers import channel_layers
    from django.conf import settings as child_settings

    child_settings.DATABASES["default"]["NAME"] = name
    channel_layers.backends = {}


@pytest.fixture
def two_servers(settings):
    """Two daphne processes serving the site, like two workers behind a proxy."""
    from channels.testing.live import make_application
    from daphne.testing import DaphneProcess
    from django.db import connection

    settings.ALLOWED_HOSTS = ["*"]
    processes = []
    for _ in range(2):
        process = DaphneProcess(
            "127.0.0.1",
            partial(make_application, static_wrapper=None),
            setup=partial(_child_setup, connection.settings_dict["NAME"]),
        )
        process.start()
        processes.append(process)
    try:
        for process in processes:
            assert process.ready.wait(timeout=30), "daphne did not start"
        yield [process.port.value for process in processes]
    finally:
        for process in processes:
            process.terminate()
            process.join(10)


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    assert client.session[SESSION_KEY]
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def test_a_change_through_one_server_reaches_a_page_on_the_other(
    two_servers, live_meeting, committee, residents
):
    meeting, first, _second, motion = live_meeting
    live_services.self_check_in(
        user=residents[0], meeting=meeting, token=live_tokens.checkin_token(meeting)
    )
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    yes = motion.options.get(code="for").pk
    port_a, port_b = two_servers
    path = f"/ws/consultation/meetings/{meeting.pk}/live/?view=participant"
    voter_cookie = _cookie(residents[0])
    watcher_cookie = _cookie(residents[1])
    csrf = "a" * 32

    async def post_vote(port: int) -> int:
        body = f"motion={motion.pk}&option={yes}"
        url = (
            f"/{meeting.community.slug}/consultations/meetings/{meeting.pk}/live/vote/"
        )
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        request = (
            f"POST {url} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Cookie: {voter_cookie}; {settings.CSRF_COOKIE_NAME}={csrf}\r\n"
            f"X-CSRFToken: {csrf}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}"
        )
        writer.write(request.encode())
        await writer.drain()
        status = (await reader.readline()).split()[1]
        writer.close()
        return int(status)

    async def scenario():
        on_a = await WebSocket.connect("127.0.0.1", port_a, path, cookie=voter_cookie)
        on_b = await WebSocket.connect("127.0.0.1", port_b, path, cookie=watcher_cookie)
        first_a = await asyncio.wait_for(on_a.receive_json(), 10)
        first_b = await asyncio.wait_for(on_b.receive_json(), 10)
        # The vote goes to server A; the page on server B must see the new tally.
        status = await post_vote(port_a)
        seen = None
        while seen is None:
            message = await asyncio.wait_for(on_b.receive_json(), 10)
            if message.get("type") == "state" and message["motion"]["turnout"] == 1:
                seen = message
        # A reconnect to B reads the same state from the database.
        await on_b.close()
        again = await WebSocket.connect(
            "127.0.0.1", port_b, path, cookie=watcher_cookie
        )
        reread = await asyncio.wait_for(again.receive_json(), 10)
        await again.close()
        await on_a.close()
        return first_a, first_b, status, seen, reread

    first_a, first_b, status, seen, reread = asyncio.run(scenario())
    assert first_a["motion"]["turnout"] == first_b["motion"]["turnout"] == 0
    assert status == 302
    assert [o["count"] for o in seen["motion"]["options"]] == [1, 0, 0]
    assert reread["motion"]["options"] == seen["motion"]["options"]
