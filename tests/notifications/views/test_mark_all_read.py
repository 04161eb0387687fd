"""Mark all read: POST with CSRF only, the person's own notifications, live update."""

import pytest
from django.test import Client

from notifications import services
from notifications.models import Notification
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db

URL = "/notifications/mark-all-read/"


def test_posting_marks_every_own_notification_read_and_pushes_the_update(
    client, person, user_factory, monkeypatch, django_capture_on_commit_callbacks
):
    pushed = []
    monkeypatch.setattr(services, "push_unread_changed", pushed.extend)
    NotificationFactory.create_batch(3, recipient=person)
    others = NotificationFactory(recipient=user_factory())
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL)

    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    assert not Notification.objects.filter(recipient=person).unread().exists()
    others.refresh_from_db()
    assert others.read_at is None
    assert pushed == [person.pk]


def test_get_is_not_allowed(client, person):
    NotificationFactory(recipient=person)
    client.force_login(person)

    assert client.get(URL).status_code == 405
    assert Notification.objects.unread().count() == 1


def test_a_post_without_the_csrf_token_is_refused(person):
    NotificationFactory(recipient=person)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(person)

    assert csrf_client.post(URL).status_code == 403
    assert Notification.objects.unread().count() == 1


def test_the_list_form_carries_the_csrf_token(person):
    NotificationFactory(recipient=person)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(person)
    page = csrf_client.get("/notifications/")
    token = page.context["csrf_token"]

    response = csrf_client.post(URL, {"csrfmiddlewaretoken": str(token)})

    assert response.status_code == 302
    assert Notification.objects.unread().count() == 0


def test_nothing_unread_pushes_nothing(
    client, person, monkeypatch, django_capture_on_commit_callbacks
):
    pushed = []
    monkeypatch.setattr(services, "push_unread_changed", pushed.extend)
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL)

    assert pushed == []


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.post(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
