"""Places left over the real ASGI stack: a sign-up elsewhere updates open pages.

Transactional: the consumer reads the database from another thread and the update
is sent on commit.
"""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application

# The notifications tests' snapshot and restore of data-migration rows.
from tests.volunteers.factories import ShiftFactory, active_volunteer
from volunteers.models import Activity
from volunteers.shifts import services

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def _socket(shift):
    return WebsocketCommunicator(
        application,
        f"/ws/volunteers/shifts/{shift.pk}/",
        headers=[(b"host", b"testserver"), (b"origin", b"http://testserver")],
    )


sign_up = database_sync_to_async(services.sign_up)


def test_an_open_page_sees_places_left_drop_when_someone_signs_up():
    shift = ShiftFactory(capacity=2)
    person = active_volunteer(shift.activity.community)

    async def scenario():
        socket = _socket(shift)
        connected, _ = await socket.connect()
        first = await socket.receive_json_from(timeout=5)
        await sign_up(volunteer=person, shift=shift)
        second = await socket.receive_json_from(timeout=5)
        await socket.disconnect()
        return connected, first, second

    connected, first, second = async_to_sync(scenario)()
    assert connected
    assert first == {
        "type": "places",
        "shift": shift.pk,
        "places_left": 2,
        "waiting": 0,
    }
    assert second["places_left"] == 1


def test_a_draft_shift_closes_the_socket_with_4404():
    shift = ShiftFactory(activity__status=Activity.Status.DRAFT)

    async def scenario():
        socket = _socket(shift)
        await socket.connect()
        closing = await socket.receive_output(timeout=5)
        await socket.disconnect()
        return closing

    assert async_to_sync(scenario)() == {"type": "websocket.close", "code": 4404}
