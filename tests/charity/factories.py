"""Factories for the charity app's tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from charity.models import Donation, Organisation, Project, credit_code_check_character
from tests.factories import CommunityFactory


def credit_code(n: int) -> str:
    """A valid unified social credit code (GB 32100-2015) for the n-th organisation."""
    first17 = f"5311010{n:010d}"
    return first17 + credit_code_check_character(first17)


def today() -> datetime.date:
    return timezone.localdate()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"幸福慈善会{n}")
    credit_code = factory.Sequence(credit_code)
    qualification_number = "公募2024-001"
    qualification_valid_from = factory.LazyFunction(
        lambda: today() - datetime.timedelta(days=365)
    )
    qualification_valid_to = factory.LazyFunction(
        lambda: today() + datetime.timedelta(days=365)
    )
    contact_person = "李四"
    contact_phone = "010-12345678"

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            self.managers.set(extracted)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    organisation = factory.SubFactory(OrganisationFactory)
    community = factory.SelfAttribute("organisation.community")
    title = factory.Sequence(lambda n: f"助学项目{n}")
    purpose = "资助困难家庭学生"
    beneficiaries = "本社区困难家庭学生"
    area = "幸福社区"
    starts_on = factory.LazyFunction(today)
    ends_on = factory.LazyFunction(lambda: today() + datetime.timedelta(days=90))
    goal_amount = Decimal("10000.00")
    responsible_person = "王五"
    receiving_account = "6222 0200 1234 5678"
    use_plan = "购买学习用品"
    leftover_plan = "转入下一期助学项目"
    filing_number = "53110100MJ0000001A-2024-001"
    filed_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=30))


class PublicProjectFactory(ProjectFactory):
    status = Project.Status.PUBLIC
    published_on = factory.LazyFunction(today)


class DonationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donation

    project = factory.SubFactory(PublicProjectFactory)
    kind = Donation.Kind.MONEY
    channel = Donation.Channel.ONLINE
    status = Donation.Status.PLEDGED
    amount = Decimal("100.00")
    lapses_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=7)
    )
