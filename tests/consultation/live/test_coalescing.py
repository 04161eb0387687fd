"""Live pushes are coalesced per meeting: a burst of ballots computes the meeting's
snapshot at most twice (at once, then one trailing push at the end of the window),
the last push shows every ballot and names every voter, and a change after a quiet
window is pushed at once.

Transactional: pushes are sent after the commit and the trailing one computes the
snapshot in its own thread, with its own connection. The channel layer is the real
one (in memory here; Redis when REDIS_URL is set); only the snapshot is counted.
"""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from consultation.live import broadcast
from consultation.live import services as live_services
from consultation.live import tokens as live_tokens
from tests.consultation.live.conftest import make_live_meeting

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]

VOTERS = 6


@pytest.fixture
def counted(monkeypatch):
    """Count the snapshots computed (the real selector still answers)."""
    calls: list[int] = []
    real = broadcast.snapshot

    def spy(meeting_id):
        calls.append(meeting_id)
        return real(meeting_id)

    monkeypatch.setattr(broadcast, "snapshot", spy)
    return calls


@pytest.fixture
def voting(community, committee, residents):
    """An open vote; VOTERS residents checked in; a listener on the meeting's group."""
    meeting, _first, _second, motion = make_live_meeting(
        community, committee, residents[:VOTERS]
    )
    token = live_tokens.checkin_token(meeting)
    for person in residents[:VOTERS]:
        live_services.self_check_in(user=person, meeting=meeting, token=token)
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    wait_for_quiet()
    layer = get_channel_layer()
    # A name of its own: pytest-randomly reseeds `random` before each test, so the
    # layer's random channel names repeat from test to test, and the in-memory layer
    # outlives a test with its groups.
    channel = async_to_sync(layer.new_channel)(prefix=f"co{uuid.uuid4().hex[:8]}")
    group = broadcast.group_name(meeting.pk)
    async_to_sync(layer.group_add)(group, channel)
    yield meeting, motion, channel
    async_to_sync(layer.group_discard)(group, channel)


def wait_for_trailing() -> None:
    """Let any trailing push still due run to its end."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if all(w.due is None and not w.sending for w in broadcast._windows.values()):
            return
        time.sleep(0.02)
    raise AssertionError("a trailing push was still due after 10 s")


def wait_for_quiet() -> None:
    """Let any trailing push run, then a window pass."""
    wait_for_trailing()
    time.sleep(broadcast._window_seconds() + 0.05)


def start_quiet() -> None:
    """As after a quiet window, without sleeping through a long one: the set-up's
    pushes have run, and this process's windows are forgotten (what a window
    passing does: the next change is pushed at once)."""
    wait_for_trailing()
    broadcast._reset()


def received(channel: str) -> list[dict]:
    """Everything pushed to the listener so far (read in one event loop)."""
    layer = get_channel_layer()

    async def drain():
        out = []
        while True:
            try:
                out.append(await asyncio.wait_for(layer.receive(channel), 0.5))
            except TimeoutError:
                return out

    return async_to_sync(drain)()


def test_a_burst_of_ballots_computes_the_snapshot_at_most_twice(
    settings, voting, residents, counted
):
    settings.LIVE_PUSH_WINDOW_MS = 3000  # the whole burst falls in one window
    start_quiet()
    meeting, motion, channel = voting
    yes = motion.options.get(code="for").pk
    for person in residents[:VOTERS]:
        live_services.cast_in_room(
            user=person, meeting=meeting, motion=motion, option_ids=[yes]
        )
    assert len(counted) == 1  # the first ballot, at once; the rest wait
    wait_for_trailing()
    assert len(counted) == 2
    pushes = received(channel)
    assert len(pushes) == 2
    last = pushes[-1]
    assert last["state"]["motion"]["turnout"] == VOTERS
    assert [o["count"] for o in last["state"]["motion"]["options"]] == [VOTERS, 0, 0]
    voters = {p.pk for p in residents[:VOTERS]}
    assert set(pushes[0]["users"]) | set(last["users"]) == voters
    assert set(last["users"]) == voters - {residents[0].pk}


def test_a_change_after_a_quiet_window_is_pushed_at_once(
    settings, voting, residents, counted
):
    settings.LIVE_PUSH_WINDOW_MS = 200
    wait_for_quiet()  # the set-up's own pushes (tests push at once) are a window old
    meeting, motion, channel = voting
    yes = motion.options.get(code="for").pk
    live_services.cast_in_room(
        user=residents[0], meeting=meeting, motion=motion, option_ids=[yes]
    )
    assert len(counted) == 1
    wait_for_quiet()
    live_services.cast_in_room(
        user=residents[1], meeting=meeting, motion=motion, option_ids=[yes]
    )
    assert len(counted) == 2  # in the request, not after a window
    pushes = received(channel)
    assert [p["state"]["motion"]["turnout"] for p in pushes] == [1, 2]
    assert [p["users"] for p in pushes] == [[residents[0].pk], [residents[1].pk]]


def test_everyone_wins_over_a_list_and_the_roster_flag_is_kept(
    settings, voting, residents, counted
):
    settings.LIVE_PUSH_WINDOW_MS = 3000
    start_quiet()
    meeting, _motion, channel = voting
    broadcast.coalesced_push(meeting.pk, users=[residents[0].pk])
    broadcast.coalesced_push(meeting.pk, users=[residents[1].pk], roster_changed=True)
    broadcast.coalesced_push(meeting.pk, users=broadcast.EVERYONE)
    broadcast.coalesced_push(meeting.pk, users=[residents[2].pk])
    wait_for_trailing()
    pushes = received(channel)
    assert len(counted) == 2
    assert pushes[0]["users"] == [residents[0].pk] and not pushes[0]["roster"]
    assert pushes[1]["users"] == broadcast.EVERYONE and pushes[1]["roster"]
