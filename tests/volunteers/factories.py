"""Factories for the volunteers app."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.uploads.samples import PDF
from volunteers.models import Activity, Shift, Skill, Team, VolunteerProfile

PDF_BYTES = PDF


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        born = today.replace(year=today.year - years, day=28)
    return born - datetime.timedelta(days=days)


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Skill {n}")


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerProfile

    user = factory.SubFactory(UserFactory)
    date_of_birth = factory.LazyFunction(lambda: years_ago(30))
    emergency_contact_name = "李四"
    emergency_contact_phone = "13800000000"

    class Params:
        minor_with_consent = factory.Trait(
            date_of_birth=factory.LazyFunction(lambda: years_ago(15)),
            guardian_name="王五",
            guardian_phone="13900000000",
            guardian_consent_date=factory.LazyFunction(timezone.localdate),
            guardian_consent_form=factory.LazyFunction(
                lambda: ContentFile(PDF_BYTES, name="consent.pdf")
            ),
        )


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Visit elderly neighbours {n}")
    category = Activity.Category.ELDERLY
    place = "Community centre"
    status = Activity.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    activity = factory.SubFactory(ActivityFactory)
    starts_at = factory.Sequence(
        lambda n: timezone.now() + datetime.timedelta(days=3, hours=3 * n)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    capacity = 5


def active_volunteer(community, **profile_kwargs):
    """A verified resident of `community` with an active volunteer profile."""
    user = MembershipFactory(community=community, household__community=community).user
    VolunteerProfileFactory(user=user, **profile_kwargs)
    return user
