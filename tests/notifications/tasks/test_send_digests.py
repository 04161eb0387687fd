"""Daily and weekly digests: one e-mail per person with what is new, then stamped."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from notifications import services
from notifications.models import Delivery, Notification
from notifications.tasks import send_digests
from tests.notifications.conftest import DAILY_KIND, TEST_KIND, WEEKLY_KIND
from tests.notifications.factories import VerifiedEmailFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY_EVENING = datetime(2026, 3, 2, 18, 0, tzinfo=SHANGHAI)
TUESDAY_7AM = datetime(2026, 3, 3, 7, 0, tzinfo=SHANGHAI)
NEXT_MONDAY_7AM = datetime(2026, 3, 9, 7, 0, tzinfo=SHANGHAI)


def _notify(recipient, kind, title):
    return services.notify(
        recipients=recipient, kind=kind, title=title, url=f"/items/{title}/"
    )


def test_a_daily_digest_groups_a_persons_notifications_into_one_email(
    person, test_kinds
):
    with time_machine.travel(MONDAY_EVENING, tick=False):
        _notify(person, DAILY_KIND, "first")
        _notify(person, DAILY_KIND, "second")

    with time_machine.travel(TUESDAY_7AM, tick=False):
        assert send_digests.call(period="daily") == 1

    (message,) = mail.outbox
    assert message.to == [person.email]
    assert "first" in message.body and "second" in message.body
    assert "http://testserver/items/first/" in message.body
    html, _mimetype = message.alternatives[0]
    assert 'href="http://testserver/items/second/"' in html
    stamps = set(
        Notification.objects.filter(recipient=person).values_list(
            "digested_at", flat=True
        )
    )
    assert stamps == {TUESDAY_7AM}


def test_nothing_is_sent_when_there_is_nothing_new(person, test_kinds):
    with time_machine.travel(MONDAY_EVENING, tick=False):
        _notify(person, DAILY_KIND, "only")
    with time_machine.travel(TUESDAY_7AM, tick=False):
        send_digests.call(period="daily")
    mail.outbox.clear()

    with time_machine.travel(datetime(2026, 3, 4, 7, 0, tzinfo=SHANGHAI), tick=False):
        assert send_digests.call(period="daily") == 0

    assert mail.outbox == []


def test_each_person_gets_their_own_digest(person, user_factory, test_kinds):
    other = user_factory(preferred_language="zh-hans")
    VerifiedEmailFactory(user=other)
    with time_machine.travel(MONDAY_EVENING, tick=False):
        _notify(person, DAILY_KIND, "mine")
        _notify(other, DAILY_KIND, "theirs")

    with time_machine.travel(TUESDAY_7AM, tick=False):
        assert send_digests.call(period="daily") == 2

    by_address = {m.to[0]: m for m in mail.outbox}
    assert "mine" in by_address[person.email].body
    assert "theirs" not in by_address[person.email].body
    assert '<html lang="zh-hans">' in by_address[other.email].alternatives[0][0]


def test_the_weekly_digest_leaves_daily_and_instant_notifications_alone(
    person, test_kinds
):
    with time_machine.travel(MONDAY_EVENING, tick=False):
        _notify(person, DAILY_KIND, "daily-item")
        _notify(person, WEEKLY_KIND, "weekly-item")
        _notify(person, TEST_KIND, "instant-item")
    mail.outbox.clear()

    with time_machine.travel(NEXT_MONDAY_7AM, tick=False):
        assert send_digests.call(period="weekly") == 1

    (message,) = mail.outbox
    assert "weekly-item" in message.body
    assert "daily-item" not in message.body
    assert "instant-item" not in message.body
    assert Notification.objects.get(title="daily-item").digested_at is None
    assert Notification.objects.get(title="instant-item").digested_at is None


def test_a_preference_for_daily_sends_an_instant_kind_in_the_digest(person, test_kinds):
    services.set_preferences(user=person, deliveries={TEST_KIND: Delivery.DAILY})
    with time_machine.travel(MONDAY_EVENING, tick=False):
        _notify(person, TEST_KIND, "usually-instant")
    assert mail.outbox == []

    with time_machine.travel(TUESDAY_7AM, tick=False):
        send_digests.call(period="daily")

    assert "usually-instant" in mail.outbox[0].body


def test_a_person_without_a_verified_address_gets_no_digest_and_nothing_piles_up(
    user_factory, test_kinds
):
    unverified = user_factory()
    with time_machine.travel(MONDAY_EVENING, tick=False):
        _notify(unverified, DAILY_KIND, "unsent")

    with time_machine.travel(TUESDAY_7AM, tick=False):
        assert send_digests.call(period="daily") == 0

    assert mail.outbox == []
    assert Notification.objects.get(title="unsent").digested_at == TUESDAY_7AM


def test_a_failing_send_leaves_the_notifications_pending(
    person, test_kinds, monkeypatch
):
    from notifications import tasks

    def broken(**kwargs):
        raise ConnectionError("mail server down")

    with time_machine.travel(MONDAY_EVENING, tick=False):
        _notify(person, DAILY_KIND, "retry-me")
    monkeypatch.setattr(tasks, "send_digest_mail", broken)

    with time_machine.travel(TUESDAY_7AM, tick=False):
        assert send_digests.call(period="daily") == 0

    assert Notification.objects.get(title="retry-me").digested_at is None


def test_an_unknown_period_is_refused():
    with pytest.raises(ValueError, match="Unknown digest period"):
        send_digests.call(period="hourly")
