"""The notification list: private, paginated, unread marked for eyes and screen readers."""

import pytest
from django.urls import reverse

from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db

URL = "/notifications/"


def test_the_list_url_is_named():
    assert reverse("notifications:list") == URL


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_unread_notifications_are_marked_visually_and_in_text(client, person):
    NotificationFactory(recipient=person, title="Unread one")
    read = NotificationFactory(recipient=person, title="Read one")
    read.read_at = read.created_at
    read.save(update_fields=["read_at"])
    client.force_login(person)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="card unread"') == 1
    assert html.count(">Unread</span>") == 1
    unread_item = html[html.index('class="card unread"') :]
    assert unread_item.index("Unread") < unread_item.index("Unread one")
    assert "You have 1 unread notification." in html
    assert html.count("<h1>") == 1


def test_each_item_links_to_its_open_url(client, person):
    notification = NotificationFactory(recipient=person)
    client.force_login(person)

    response = client.get(URL)

    assert reverse("notifications:open", args=[notification.pk]) in (
        response.content.decode()
    )


def test_only_the_persons_own_notifications_are_listed(client, person, user_factory):
    NotificationFactory(recipient=person, title="Mine")
    NotificationFactory(recipient=user_factory(), title="Someone else's")
    client.force_login(person)

    html = client.get(URL).content.decode()

    assert "Mine" in html
    assert "Someone else" not in html


def test_the_list_is_paginated(client, person):
    NotificationFactory.create_batch(25, recipient=person)
    client.force_login(person)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["notifications"]) == 20
    assert len(second.context["notifications"]) == 5
    assert 'rel="next"' in first.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_notifications(
    client, person, django_assert_max_num_queries
):
    client.force_login(person)
    NotificationFactory.create_batch(2, recipient=person)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    NotificationFactory.create_batch(40, recipient=person)
    with django_assert_max_num_queries(12) as many:
        client.get(URL)
    assert len(few.captured_queries) == len(many.captured_queries)


def test_mark_all_is_offered_only_when_something_is_unread(client, person):
    client.force_login(person)
    assert "Mark all as read" not in client.get(URL).content.decode()

    NotificationFactory(recipient=person)
    assert "Mark all as read" in client.get(URL).content.decode()
