"""The live badge over the real ASGI stack (origin check, session auth, consumer).

Transactional: the consumer reads the database from another thread and the live
update is sent on commit, so nothing may hide inside a test transaction. Works on
SQLite (file test database) and PostgreSQL, with the in-memory or Redis layer.
"""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from notifications import selectors, services
from tests.notifications.conftest import TEST_KIND
from tests.notifications.factories import NotificationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]

PATH = "/ws/notifications/"
SITE_ORIGIN = b"http://testserver"


@pytest.fixture(autouse=True)
def production_like_origins(monkeypatch):
    """Test settings allow every host; check origins as production does."""
    validator = application.application_mapping["websocket"]
    monkeypatch.setattr(validator, "allowed_origins", ["testserver"])


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


def communicator(user=None, origin=SITE_ORIGIN):
    headers = [(b"host", b"testserver")]
    if origin is not None:
        headers.append((b"origin", origin))
    if user is not None:
        headers.append((b"cookie", session_cookie(user)))
    return WebsocketCommunicator(application, PATH, headers=headers)


notify = database_sync_to_async(services.notify)
mark_all_read = database_sync_to_async(services.mark_all_read)
count_in_db = database_sync_to_async(selectors.unread_count)


def test_an_anonymous_connection_is_closed_with_4401():
    async def scenario():
        socket = communicator()
        connected, _subprotocol = await socket.connect()
        closing = await socket.receive_output()
        await socket.disconnect()
        return connected, closing

    _connected, closing = async_to_sync(scenario)()

    assert closing == {"type": "websocket.close", "code": 4401}


def test_a_signed_in_person_receives_the_unread_count_on_connect(person):
    NotificationFactory.create_batch(2, recipient=person)

    async def scenario():
        socket = communicator(person)
        connected, _subprotocol = await socket.connect()
        message = await socket.receive_json_from()
        await socket.disconnect()
        return connected, message

    connected, message = async_to_sync(scenario)()

    assert connected is True
    assert message == {"type": "unread", "count": 2}


def test_the_socket_receives_the_new_count_after_notify_commits(person, test_kinds):
    async def scenario():
        socket = communicator(person)
        await socket.connect()
        before = await socket.receive_json_from()
        await notify(recipients=person, kind=TEST_KIND, title="Live")
        after = await socket.receive_json_from(timeout=3)
        await socket.disconnect()
        return before, after

    before, after = async_to_sync(scenario)()

    assert before == {"type": "unread", "count": 0}
    assert after == {"type": "unread", "count": 1}


def test_another_persons_notification_sends_nothing_to_this_socket(
    person, user_factory, test_kinds
):
    other = user_factory()

    async def scenario():
        socket = communicator(person)
        await socket.connect()
        await socket.receive_json_from()
        await notify(recipients=other, kind=TEST_KIND, title="Not for you")
        silent = await socket.receive_nothing(timeout=0.3)
        await socket.disconnect()
        return silent

    assert async_to_sync(scenario)() is True


def test_a_foreign_origin_is_rejected(person):
    async def scenario():
        socket = communicator(person, origin=b"http://evil.example")
        connected, code = await socket.connect()
        return connected, code

    connected, _code = async_to_sync(scenario)()

    assert connected is False


def test_a_missing_origin_is_rejected(person):
    async def scenario():
        socket = communicator(person, origin=None)
        connected, _code = await socket.connect()
        return connected

    assert async_to_sync(scenario)() is False


def test_after_reconnecting_the_count_equals_the_database(person, test_kinds):
    async def scenario():
        socket = communicator(person)
        await socket.connect()
        first = await socket.receive_json_from()
        await socket.disconnect()
        # Changes while disconnected: three new, then all read, then two more.
        await notify(recipients=[person], kind=TEST_KIND, title="a")
        await notify(recipients=[person], kind=TEST_KIND, title="b")
        await mark_all_read(user=person)
        await notify(recipients=[person], kind=TEST_KIND, title="c")
        await notify(recipients=[person], kind=TEST_KIND, title="d")
        socket = communicator(person)
        await socket.connect()
        again = await socket.receive_json_from()
        truth = await count_in_db(person)
        await socket.disconnect()
        return first, again, truth

    first, again, truth = async_to_sync(scenario)()

    assert first["count"] == 0
    assert again == {"type": "unread", "count": truth}
    assert truth == 2


def test_a_refresh_request_rereads_the_database(person):
    async def scenario():
        socket = communicator(person)
        await socket.connect()
        before = await socket.receive_json_from()
        # A change that bypassed the live push (e.g. made by another process
        # while this socket's group message was lost).
        await database_sync_to_async(NotificationFactory)(recipient=person)
        await socket.send_json_to({"type": "refresh"})
        after = await socket.receive_json_from()
        await socket.send_to(text_data="not json")
        ignored = await socket.receive_nothing(timeout=0.2)
        await socket.disconnect()
        return before, after, ignored

    before, after, ignored = async_to_sync(scenario)()

    assert before["count"] == 0
    assert after == {"type": "unread", "count": 1}
    assert ignored is True
