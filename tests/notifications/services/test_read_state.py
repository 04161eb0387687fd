"""mark_read / mark_all_read change only unread state and push after commit."""

import pytest
from django.db import transaction

from notifications import services
from notifications.models import Notification
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pushed(monkeypatch):
    calls = []
    monkeypatch.setattr(services, "push_unread_changed", calls.extend)
    return calls


def test_mark_read_stamps_once_and_pushes_after_commit(
    person, pushed, django_capture_on_commit_callbacks
):
    notification = NotificationFactory(recipient=person)

    with django_capture_on_commit_callbacks(execute=True):
        services.mark_read(notification=notification)
        assert pushed == []

    assert notification.read_at is not None
    assert pushed == [person.pk]


def test_mark_all_read_returns_how_many_changed(
    person, user_factory, pushed, django_capture_on_commit_callbacks
):
    NotificationFactory.create_batch(3, recipient=person)
    untouched = NotificationFactory(recipient=user_factory())

    with django_capture_on_commit_callbacks(execute=True):
        assert services.mark_all_read(user=person) == 3
        assert services.mark_all_read(user=person) == 0

    assert Notification.objects.unread().get() == untouched
    assert pushed == [person.pk]


def test_a_rolled_back_mark_all_read_pushes_nothing(
    person, pushed, django_capture_on_commit_callbacks
):
    NotificationFactory(recipient=person)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.mark_all_read(user=person)
        raise RuntimeError

    assert pushed == []
    assert Notification.objects.unread().count() == 1
