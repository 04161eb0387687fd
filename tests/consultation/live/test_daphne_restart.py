"""The websocket server restarts: every page that reconnects reads the whole state again.

Nothing is replayed after a restart; a change made while the server was away reaches
each reconnecting page because the consumer sends a full snapshot from the database on
every connect. Runs on SQLite (a file database the server process shares) and on
PostgreSQL.
"""

from __future__ import annotations

import asyncio
from contextlib import contextmanager
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
]


def _child_setup(name: str) -> None:
    """In the forked server: the test database, and a channel layer of its own."""
    from channels.layers import channel_layers
    from django.conf import settings as child_settings

    child_settings.DATABASES["default"]["NAME"] = name
    channel_layers.backends = {}


@contextmanager
def _server():
    from channels.testing.live import make_application
    from daphne.testing import DaphneProcess
    from django.db import connection

    process = DaphneProcess(
        "127.0.0.1",
        partial(make_application, static_wrapper=None),
        setup=partial(_child_setup, connection.settings_dict["NAME"]),
    )
    process.start()
    try:
        assert process.ready.wait(timeout=30), "daphne did not start"
        yield process.port.value
    finally:
        process.terminate()
        process.join(10)


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    assert client.session[SESSION_KEY]
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


async def _first_state(port: int, path: str, cookie: str) -> dict:
    socket = await WebSocket.connect("127.0.0.1", port, path, cookie=cookie)
    try:
        while True:
            message = await asyncio.wait_for(socket.receive_json(), 10)
            if message.get("type") == "state":
                return message
    finally:
        await socket.close()


def test_after_a_restart_every_page_rereads_the_state_with_what_changed_meanwhile(
    settings, live_meeting, committee, residents
):
    settings.ALLOWED_HOSTS = ["*"]
    meeting, _first, _second, motion = live_meeting
    path = f"/ws/consultation/meetings/{meeting.pk}/live/?view=participant"
    cookies = [_cookie(person) for person in residents[:3]]

    with _server() as port:
        before = [asyncio.run(_first_state(port, path, c)) for c in cookies]
    # The server is down: the committee opens the vote and checks someone in.
    live_services.self_check_in(
        user=residents[0], meeting=meeting, token=live_tokens.checkin_token(meeting)
    )
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    with _server() as port:
        after = [asyncio.run(_first_state(port, path, c)) for c in cookies]

    assert all(
        state["motion"] is None or state["motion"]["id"] != motion.pk
        for state in before
    )

    def content(state):
        return {key: value for key, value in state.items() if key != "at"}

    for state in after:
        assert state["motion"]["id"] == motion.pk
        assert content(state) == content(after[0])  # every page reads the same state
