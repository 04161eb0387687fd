"""notify(): in-app rows by preference, e-mail only for instant, only after commit."""

import pytest
from django.core import mail
from django.db import transaction

from notifications import services
from notifications.models import Delivery, Notification
from tests.notifications.conftest import DAILY_KIND, TEST_KIND
from tests.notifications.factories import NotificationPreferenceFactory

pytestmark = pytest.mark.django_db


def _notify(recipients, kind=TEST_KIND, **extra):
    return services.notify(
        recipients=recipients,
        kind=kind,
        title=extra.pop("title", "Your request was verified"),
        body=extra.pop("body", "Welcome to the community."),
        url=extra.pop("url", "/community-1/"),
    )


def test_instant_delivery_creates_an_in_app_row_and_emails_after_commit(
    person, test_kinds, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify(person)
        assert mail.outbox == []  # nothing leaves before the commit

    notification = Notification.objects.get(pk=created[0].pk)
    assert notification.delivery == Delivery.INSTANT
    assert notification.emailed_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]


def test_a_rolled_back_transaction_sends_nothing_and_leaves_no_row(
    person, test_kinds, django_capture_on_commit_callbacks, monkeypatch
):
    pushed = []
    monkeypatch.setattr(services, "push_unread_changed", pushed.extend)

    class Boom(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        _notify(person)
        raise Boom

    assert callbacks == []
    assert mail.outbox == []
    assert pushed == []
    assert not Notification.objects.exists()


@pytest.mark.parametrize("delivery", [Delivery.IN_APP, Delivery.DAILY, Delivery.WEEKLY])
def test_non_instant_deliveries_create_a_row_but_send_no_email_now(
    person, test_kinds, delivery, django_capture_on_commit_callbacks
):
    NotificationPreferenceFactory(user=person, kind=TEST_KIND, delivery=delivery)

    with django_capture_on_commit_callbacks(execute=True):
        _notify(person)

    notification = Notification.objects.get(recipient=person)
    assert notification.delivery == delivery
    assert notification.emailed_at is None
    assert mail.outbox == []


def test_off_creates_nothing_and_sends_nothing(
    person, test_kinds, django_capture_on_commit_callbacks
):
    NotificationPreferenceFactory(user=person, kind=TEST_KIND, delivery=Delivery.OFF)

    with django_capture_on_commit_callbacks(execute=True):
        created = _notify(person)

    assert created == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_the_kind_default_applies_without_a_preference(
    person, test_kinds, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(person, kind=DAILY_KIND)

    assert Notification.objects.get(recipient=person).delivery == Delivery.DAILY
    assert mail.outbox == []


def test_each_recipient_gets_their_own_delivery(
    person, user_factory, test_kinds, django_capture_on_commit_callbacks
):
    quiet = user_factory()
    NotificationPreferenceFactory(user=quiet, kind=TEST_KIND, delivery=Delivery.OFF)

    with django_capture_on_commit_callbacks(execute=True):
        created = _notify([person, quiet, person, None])

    assert [n.recipient for n in created] == [person]
    assert Notification.objects.count() == 1


def test_the_live_update_is_pushed_after_commit_to_each_recipient(
    person, user_factory, test_kinds, django_capture_on_commit_callbacks, monkeypatch
):
    other = user_factory()
    pushed = []
    monkeypatch.setattr(services, "push_unread_changed", pushed.extend)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([person, other])
        assert pushed == []

    for callback in callbacks:
        callback()
    assert sorted(pushed) == sorted([person.pk, other.pk])


def test_an_unknown_kind_is_refused(person):
    with pytest.raises(LookupError):
        _notify(person, kind="no.such.kind")
    assert not Notification.objects.exists()
