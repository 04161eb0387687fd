"""Notification settings: one labelled select per kind; bad input saves nothing."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from notifications import kinds
from notifications.models import Delivery, NotificationPreference
from tests.notifications.conftest import DAILY_KIND, TEST_KIND
from tests.notifications.factories import NotificationPreferenceFactory

pytestmark = pytest.mark.django_db

URL = "/notifications/preferences/"


def _form_data(**choices):
    """Every registered kind at its default delivery, with some choices changed."""
    data = {f"kind_{k.key}": k.default_delivery for k in kinds.all_kinds()}
    data.update({f"kind_{key}": value for key, value in choices.items()})
    return data


def test_the_url_is_named():
    assert reverse("notifications:preferences") == URL


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_each_registered_kind_has_a_labelled_select_with_its_current_delivery(
    client, person, test_kinds
):
    NotificationPreferenceFactory(user=person, kind=TEST_KIND, delivery=Delivery.OFF)
    client.force_login(person)

    html = client.get(URL).content.decode()

    assert '<label for="id_kind_test.event">Test events</label>' in html
    assert '<label for="id_kind_test.daily">Daily things</label>' in html
    assert '<label for="id_kind_system">Announcements from the platform</label>' in (
        html
    )
    assert '<select name="kind_test.event"' in html
    event_select = html[html.index('<select name="kind_test.event"') :]
    event_select = event_select[: event_select.index("</select>")]
    assert '<option value="off" selected>' in event_select
    daily_select = html[html.index('<select name="kind_test.daily"') :]
    daily_select = daily_select[: daily_select.index("</select>")]
    assert '<option value="daily" selected>' in daily_select


def test_the_label_is_translated_into_the_persons_language(
    client, person, register_kind, monkeypatch
):
    register_kind("test.translated", gettext_lazy("Password"))
    person.preferred_language = "zh-hans"
    person.save(update_fields=["preferred_language"])
    client.force_login(person)

    html = client.get(URL).content.decode()

    # "Password" is in Django's own zh_Hans catalogue.
    assert '<label for="id_kind_test.translated">密码</label>' in html


def test_saving_stores_every_choice(client, person, test_kinds):
    client.force_login(person)

    response = client.post(
        URL,
        _form_data(
            **{
                "system": Delivery.IN_APP,
                TEST_KIND: Delivery.WEEKLY,
                DAILY_KIND: Delivery.OFF,
            }
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == URL
    saved = dict(
        NotificationPreference.objects.filter(user=person).values_list(
            "kind", "delivery"
        )
    )
    assert saved[TEST_KIND] == Delivery.WEEKLY
    assert saved[DAILY_KIND] == Delivery.OFF
    assert saved["system"] == Delivery.IN_APP


def test_an_unknown_delivery_value_shows_a_clear_error_and_saves_nothing(
    client, person, test_kinds
):
    client.force_login(person)

    response = client.post(
        URL,
        _form_data(**{"system": Delivery.IN_APP, TEST_KIND: "carrier-pigeon"}),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert "“carrier-pigeon” is not a delivery option." in html
    assert 'role="alert"' in html
    # The error is tied to its select for screen readers.
    assert f'aria-describedby="id_kind_{TEST_KIND}_error"' in html
    assert f'id="id_kind_{TEST_KIND}_error"' in html
    assert not NotificationPreference.objects.filter(user=person).exists()


def test_a_missing_choice_is_an_error_and_saves_nothing(client, person, test_kinds):
    client.force_login(person)

    response = client.post(URL, {"kind_system": Delivery.IN_APP})

    assert response.status_code == 200
    assert "Choose how you want to receive this." in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_saving_again_updates_the_existing_choice(client, person, test_kinds):
    NotificationPreferenceFactory(user=person, kind="system", delivery=Delivery.OFF)
    client.force_login(person)

    client.post(
        URL,
        _form_data(system=Delivery.DAILY),
    )

    preference = NotificationPreference.objects.get(user=person, kind="system")
    assert preference.delivery == Delivery.DAILY
    assert (
        NotificationPreference.objects.filter(user=person, kind="system").count() == 1
    )
    assert NotificationPreference.objects.filter(user=person).count() == len(
        kinds.all_kinds()
    )
