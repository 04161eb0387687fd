"""Factories for the foundation models. App-specific factories live beside their tests."""

import factory

from accounts.models import User
from communities.models import Community, Household, Membership, Region, Role, RoleGrant


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"居民{n}")
    real_name = "张三明"
    # Tests read in the source language; tests/i18n checks the Chinese default.
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    kind = Region.Kind.DISTRICT
    name = "示范区"
    slug = "shifan"
    parent = None


class StreetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    kind = Region.Kind.STREET
    name = factory.Sequence(lambda n: f"第{n}街道")
    slug = factory.Sequence(lambda n: f"street-{n}")
    parent = factory.SubFactory(RegionFactory)


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    kind = Community.Kind.COMMUNITY
    name = factory.Sequence(lambda n: f"幸福{n}社区")
    slug = factory.Sequence(lambda n: f"community-{n}")
    street = factory.SubFactory(StreetFactory)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    community = factory.SubFactory(CommunityFactory)
    building = factory.Sequence(lambda n: str(n // 20 + 1))
    unit = "1"
    room = factory.Sequence(lambda n: str(101 + n % 20))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    household = factory.SubFactory(HouseholdFactory)
    community = factory.SelfAttribute("household.community")
    status = Membership.Status.VERIFIED


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    role = Role.COMMITTEE
    community = factory.SubFactory(CommunityFactory)
    region = None
