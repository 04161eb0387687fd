"""The instant e-mail: recipient's language, text + HTML, absolute link, emailed_at."""

import pytest
from django.core import mail

from notifications.models import Delivery
from notifications.tasks import send_notification_email
from tests.notifications.factories import NotificationFactory, VerifiedEmailFactory

pytestmark = pytest.mark.django_db


def _instant(recipient, **kwargs):
    return NotificationFactory(
        recipient=recipient,
        delivery=Delivery.INSTANT,
        title=kwargs.pop("title", "Your request was verified"),
        body=kwargs.pop("body", "Welcome <to> the community."),
        url=kwargs.pop("url", "/community-1/join/"),
        **kwargs,
    )


def test_the_email_has_text_and_html_with_the_absolute_link(person, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://gongzhi.example.org"
    notification = _instant(person)

    assert send_notification_email.call(notification_id=notification.pk) is True

    (message,) = mail.outbox
    assert message.to == [person.email]
    assert "Your request was verified" in message.subject
    assert "https://gongzhi.example.org/community-1/join/" in message.body
    assert "Welcome <to> the community." in message.body  # plain text: not escaped
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://gongzhi.example.org/community-1/join/"' in html
    assert "Welcome &lt;to&gt; the community." in html  # HTML: escaped
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_notification_without_a_link_points_to_the_list(person):
    notification = _instant(person, url="")

    send_notification_email.call(notification_id=notification.pk)

    assert "http://testserver/notifications/" in mail.outbox[0].body


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_email_is_rendered_in_the_recipients_language(user_factory, language):
    user = user_factory(preferred_language=language)
    VerifiedEmailFactory(user=user)
    notification = _instant(user)

    send_notification_email.call(notification_id=notification.pk)

    html, _mimetype = mail.outbox[0].alternatives[0]
    assert f'<html lang="{language}">' in html


def test_the_english_email_speaks_english(person):
    send_notification_email.call(notification_id=_instant(person).pk)

    assert "Open it here:" in mail.outbox[0].body


def test_an_unverified_address_gets_no_email(user_factory):
    notification = _instant(user_factory())

    assert send_notification_email.call(notification_id=notification.pk) is False

    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_an_anonymised_person_gets_no_email(person):
    person.is_anonymised = True
    person.save(update_fields=["is_anonymised"])
    notification = _instant(person)

    send_notification_email.call(notification_id=notification.pk)

    assert mail.outbox == []


def test_an_inactive_person_gets_no_email(person):
    person.is_active = False
    person.save(update_fields=["is_active"])

    send_notification_email.call(notification_id=_instant(person).pk)

    assert mail.outbox == []


def test_a_verified_old_address_does_not_count_for_a_changed_email(person):
    person.email = "new-address@example.org"
    person.save(update_fields=["email"])

    send_notification_email.call(notification_id=_instant(person).pk)

    assert mail.outbox == []


def test_running_the_task_twice_sends_one_email(person):
    notification = _instant(person)

    send_notification_email.call(notification_id=notification.pk)
    assert send_notification_email.call(notification_id=notification.pk) is False

    assert len(mail.outbox) == 1


def test_a_deleted_notification_sends_nothing(person):
    notification = _instant(person)
    notification_id = notification.pk
    notification.delete()

    assert send_notification_email.call(notification_id=notification_id) is False
    assert mail.outbox == []
