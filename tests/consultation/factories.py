"""Factories for consultation rows made directly (tests of services go through them)."""

import datetime

import factory
from django.utils import timezone

from consultation.models import (
    AgendaItem,
    Consultation,
    ConsultationEvent,
    Meeting,
    Suggestion,
)
from tests.factories import CommunityFactory, UserFactory


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"议题{n}")
    description = "改造小区停车位"
    origin = Consultation.Origin.COMMITTEE

    @factory.post_generation
    def _proposed_event(obj, create, extracted, **kwargs):
        if create:
            ConsultationEvent.objects.create(
                consultation=obj, from_state="", to_state="proposed"
            )


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    community = factory.SubFactory(CommunityFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"建议{n}")
    description = "增加充电桩"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    consultation = factory.SubFactory(ConsultationFactory)
    community = factory.SelfAttribute("consultation.community")
    title = factory.Sequence(lambda n: f"议事会{n}")
    form = Meeting.Form.DELIBERATION
    mode = Meeting.Mode.IN_PERSON
    place = "社区活动室"
    starts_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=7)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"议程{n}")
