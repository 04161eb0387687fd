"""Factories for notifications tests."""

import factory
from allauth.account.models import EmailAddress

from notifications.models import Delivery, Notification, NotificationPreference
from tests.factories import UserFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "system"
    title = factory.Sequence(lambda n: f"Notice {n}")
    body = "Something happened in your community."
    url = "/"
    delivery = Delivery.IN_APP


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(UserFactory)
    kind = "system"
    delivery = Delivery.IN_APP


class VerifiedEmailFactory(factory.django.DjangoModelFactory):
    """allauth's record that the person confirmed their address."""

    class Meta:
        model = EmailAddress

    user = factory.SubFactory(UserFactory)
    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True
