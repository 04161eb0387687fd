"""Opening a notification: only its recipient, marks it read, follows its link."""

import pytest

from notifications import services
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def _open_url(notification):
    return f"/notifications/{notification.pk}/open/"


def test_opening_marks_read_and_redirects_to_the_link(
    client, person, monkeypatch, django_capture_on_commit_callbacks
):
    pushed = []
    monkeypatch.setattr(services, "push_unread_changed", pushed.extend)
    notification = NotificationFactory(recipient=person, url="/community-1/notices/")
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(_open_url(notification))

    assert response.status_code == 302
    assert response["Location"] == "/community-1/notices/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert pushed == [person.pk]


def test_opening_again_keeps_the_first_read_time_and_pushes_nothing(
    client, person, monkeypatch, django_capture_on_commit_callbacks
):
    notification = NotificationFactory(recipient=person)
    client.force_login(person)
    client.get(_open_url(notification))
    notification.refresh_from_db()
    first_read = notification.read_at
    pushed = []
    monkeypatch.setattr(services, "push_unread_changed", pushed.extend)

    with django_capture_on_commit_callbacks(execute=True):
        client.get(_open_url(notification))

    notification.refresh_from_db()
    assert notification.read_at == first_read
    assert pushed == []


def test_someone_elses_notification_is_not_found(client, person, user_factory):
    notification = NotificationFactory(recipient=user_factory())
    client.force_login(person)

    response = client.get(_open_url(notification))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_missing_notification_is_not_found_the_same_way(client, person):
    client.force_login(person)
    assert client.get("/notifications/999999/open/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, person):
    notification = NotificationFactory(recipient=person)

    response = client.get(_open_url(notification))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_link_to_another_site_is_not_followed(client, person):
    notification = NotificationFactory(recipient=person, url="https://evil.example/")
    client.force_login(person)

    response = client.get(_open_url(notification))

    assert response["Location"] == "/notifications/"


def test_a_notification_without_a_link_opens_the_list(client, person):
    notification = NotificationFactory(recipient=person, url="")
    client.force_login(person)

    assert client.get(_open_url(notification))["Location"] == "/notifications/"
