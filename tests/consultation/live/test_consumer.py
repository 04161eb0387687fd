"""The live meeting socket over the real ASGI stack (origin check, session, consumer).

Transactional: the consumer reads the database from another thread and pushes are
sent after the commit, so nothing may hide inside a test transaction.
"""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from consultation.live import services as live_services
from consultation.live import tokens as live_tokens
from consultation.models import Participant
from tests.consultation.live.conftest import make_live_meeting
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


def socket(meeting, user=None, view="participant", key=""):
    headers = [(b"host", b"testserver"), (b"origin", b"http://testserver")]
    if user is not None:
        headers.append((b"cookie", session_cookie(user)))
    query = f"?view={view}" + (f"&key={key}" if key else "")
    return WebsocketCommunicator(
        application,
        f"/ws/consultation/meetings/{meeting.pk}/live/{query}",
        headers=headers,
    )


async def receive_until(communicator, kind, test=lambda m: True, limit=20):
    for _ in range(limit):
        message = await communicator.receive_json_from(timeout=5)
        if message.get("type") == kind and test(message):
            return message
    raise AssertionError(f"no {kind} message")


def test_a_participant_gets_the_whole_state_then_each_change(
    live_meeting, committee, residents
):
    meeting, first, _second, motion = live_meeting
    set_item = database_sync_to_async(live_services.set_current_item)

    async def scenario():
        phone = socket(meeting, residents[0])
        connected, _ = await phone.connect()
        state = await phone.receive_json_from(timeout=5)
        me = await phone.receive_json_from(timeout=5)
        await set_item(actor=committee, meeting=meeting, item=first)
        pushed = await receive_until(phone, "state", lambda m: m["item"] is not None)
        await phone.disconnect()
        return connected, state, me, pushed

    connected, state, me, pushed = async_to_sync(scenario)()
    assert connected
    assert state["type"] == "state"
    assert state["item"] is None
    assert state["attendance"]["expected"] == 4
    assert me == {
        "type": "me",
        "participant": True,
        "checked_in": False,
        "hand": None,
        "may_vote": False,
        "voted": False,
    }
    assert pushed["item"]["title"] == "增设充电桩"


def test_a_ballot_reaches_every_open_page_with_the_new_tally(
    live_meeting, committee, residents
):
    meeting, _first, _second, motion = live_meeting
    live_services.self_check_in(
        user=residents[0], meeting=meeting, token=live_tokens.checkin_token(meeting)
    )
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    yes = motion.options.get(code="for").pk
    cast = database_sync_to_async(live_services.cast_in_room)

    async def scenario():
        phone = socket(meeting, residents[0])
        screen = socket(meeting, committee, view="projector")
        await phone.connect()
        await screen.connect()
        # The set-up's last push may come after the connect (pushes within a window
        # of each other are sent together, a moment later): read by kind.
        me = await receive_until(phone, "me")
        await receive_until(screen, "state")
        await cast(user=residents[0], meeting=meeting, motion=motion, option_ids=[yes])
        on_screen = await receive_until(
            screen, "state", lambda m: m["motion"]["turnout"] == 1
        )
        on_phone = await receive_until(phone, "me", lambda m: m["voted"])
        await phone.disconnect()
        await screen.disconnect()
        return me, on_screen, on_phone

    me, on_screen, on_phone = async_to_sync(scenario)()
    assert me["may_vote"] is True
    assert [o["count"] for o in on_screen["motion"]["options"]] == [1, 0, 0]
    assert on_phone["may_vote"] is False


def test_a_secret_ballot_reaches_the_projector_as_a_count_of_ballots_only(
    community, committee, residents
):
    meeting, _first, _second, motion = make_live_meeting(
        community, committee, residents[:2], secret=True
    )
    live_services.self_check_in(
        user=residents[0], meeting=meeting, token=live_tokens.checkin_token(meeting)
    )
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    yes = motion.options.get(code="for").pk
    cast = database_sync_to_async(live_services.cast_in_room)
    close = database_sync_to_async(live_services.close_vote)

    async def scenario():
        screen = socket(meeting, committee, view="projector")
        await screen.connect()
        await screen.receive_json_from(timeout=5)
        await cast(user=residents[0], meeting=meeting, motion=motion, option_ids=[yes])
        after_vote = await receive_until(
            screen, "state", lambda m: m["motion"]["turnout"] == 1
        )
        await close(actor=committee, meeting=meeting, motion=motion)
        after_close = await receive_until(
            screen, "state", lambda m: m["motion"]["status"] == "closed"
        )
        await screen.disconnect()
        return after_vote, after_close

    after_vote, after_close = async_to_sync(scenario)()
    assert after_vote["motion"]["hidden"] is True
    assert [o["count"] for o in after_vote["motion"]["options"]] == [None] * 3
    assert after_vote["motion"]["passed"] is None
    assert [o["count"] for o in after_close["motion"]["options"]] == [1, 0, 0]


def test_a_reconnecting_client_reads_the_state_from_the_database(
    live_meeting, committee, residents
):
    meeting, first, _second, _motion = live_meeting

    async def scenario():
        phone = socket(meeting, residents[0])
        await phone.connect()
        await phone.receive_json_from(timeout=5)
        await phone.disconnect()
        # While the phone is away the item changes and someone checks in.
        await database_sync_to_async(live_services.set_current_item)(
            actor=committee, meeting=meeting, item=first
        )
        await database_sync_to_async(live_services.check_in_by_name)(
            actor=committee,
            participant=await database_sync_to_async(Participant.objects.get)(
                meeting=meeting, user=residents[1]
            ),
        )
        again = socket(meeting, residents[0])
        await again.connect()
        state = await again.receive_json_from(timeout=5)
        await again.disconnect()
        return state

    state = async_to_sync(scenario)()
    assert state["item"]["id"] == first.pk
    assert state["attendance"]["present"] == 1


def test_the_control_view_gets_the_roster_on_each_check_in(
    live_meeting, committee, residents
):
    meeting, *_ = live_meeting
    participant = Participant.objects.get(meeting=meeting, user=residents[2])
    check_in = database_sync_to_async(live_services.check_in_by_name)

    async def scenario():
        desk = socket(meeting, committee, view="control")
        await desk.connect()
        first = await receive_until(desk, "roster")
        await check_in(actor=committee, participant=participant)
        after = await receive_until(desk, "roster")
        await desk.disconnect()
        return first, after

    first, after = async_to_sync(scenario)()
    rows = {r["id"]: r["checked_in"] for r in after["participants"]}
    assert not any(r["checked_in"] for r in first["participants"])
    assert rows[participant.pk] is True


def _close_code(meeting, user=None, view="participant", key=""):
    async def scenario():
        communicator = socket(meeting, user, view=view, key=key)
        await communicator.connect()
        message = await communicator.receive_output(timeout=5)
        await communicator.disconnect()
        return message

    return async_to_sync(scenario)()


def test_who_may_open_which_view(live_meeting, committee, residents):
    meeting, *_ = live_meeting
    stranger = UserFactory()
    closed = {"type": "websocket.close", "code": 4403}
    assert _close_code(meeting) == closed
    assert _close_code(meeting, stranger) == closed
    assert _close_code(meeting, residents[0], view="control") == closed
    assert _close_code(meeting, residents[0], view="projector") == closed
    assert _close_code(meeting, view="projector", key="forged") == closed
    # The secret link opens the projector without signing in.
    opened = _close_code(
        meeting, view="projector", key=live_tokens.projector_key(meeting)
    )
    assert opened["type"] == "websocket.send"


def test_a_missing_meeting_closes_like_a_meeting_one_may_not_open(
    live_meeting, committee, residents
):
    """ "Not allowed" is answered before "no such meeting", so ids cannot be probed:
    nobody may open a meeting that does not exist, not even a committee member."""
    meeting, *_ = live_meeting
    stranger = UserFactory()
    forbidden = {"type": "websocket.close", "code": 4403}
    assert _close_code(meeting, stranger) == forbidden
    assert _close_code(meeting, residents[0], view="control") == forbidden
    meeting.pk = 999999
    for user, view in (
        (None, "participant"),
        (stranger, "participant"),
        (residents[0], "control"),
        (committee, "control"),
        (None, "projector"),
    ):
        assert _close_code(meeting, user, view=view) == forbidden, (user, view)
