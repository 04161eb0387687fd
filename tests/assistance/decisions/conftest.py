"""Cases ready for the 公示 and decision steps, and the people who take them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse

from assistance.cases import notify as case_notify
from assistance.cases.models import Case, HouseholdMember, IncomeItem, Kind, State
from assistance.investigation.models import ReviewOpinion
from assistance.standards.models import Area, Standard
from communities.models import Role
from tests.factories import CommunityFactory, HouseholdFactory, UserFactory
from tests.support.actors import grant_role

LONG_AGO = datetime.date(2020, 1, 1)


@pytest.fixture(autouse=True)
def _my_case_url(monkeypatch):
    """The applicant's case page belongs to another concern; stand in until merged."""
    try:
        reverse("assistance:my-case", args=["JZ-2026-AAAAAA"])
    except NoReverseMatch:
        monkeypatch.setattr(
            case_notify, "my_case_url", lambda case: f"/my/assistance/{case.pk}/"
        )


@pytest.fixture
def community(db):
    return CommunityFactory()


@pytest.fixture
def district(community):
    return community.street.parent


@pytest.fixture
def standard(district):
    return Standard.objects.create(
        district=district,
        area=Area.URBAN,
        monthly_amount=Decimal("850.00"),
        effective_from=LONG_AGO,
    )


@pytest.fixture
def officer(community):
    return grant_role(Role.AID_OFFICER, region=community.street)


@pytest.fixture
def supervisor(district):
    return grant_role(Role.AID_SUPERVISOR, region=district)


@pytest.fixture
def coordinator(community):
    return grant_role(Role.AID_COORDINATOR, community=community)


@pytest.fixture
def applicant(db):
    return UserFactory()


@pytest.fixture
def make_case(community, standard, officer, applicant):
    def make(
        *,
        kind=Kind.MINIMUM_LIVING,
        state=State.REVIEWED,
        members=3,
        incomes=(Decimal("1200.00"),),
        cause="",
        household=None,
        recommends=True,
        **fields,
    ) -> Case:
        if kind == Kind.TEMPORARY and not cause:
            cause = "emergency"
        case = Case.objects.create(
            community=community,
            household=household,
            applicant=applicant,
            applicant_name="张三明",
            applicant_phone="13800138000",
            kind=kind,
            temporary_cause=cause,
            state=state,
            reason="丈夫患尿毒症长期透析",
            bank_account="6222020200112233445",
            **fields,
        )
        for n in range(members):
            HouseholdMember.objects.create(
                case=case,
                name="张三明" if n == 0 else f"家人{n}",
                relationship="self" if n == 0 else "child",
                id_number="110101198001011234" if n == 0 else "",
                health="尿毒症" if n == 0 else "",
                disability="二级肢体残疾" if n == 0 else "",
            )
        for amount in incomes:
            IncomeItem.objects.create(case=case, kind="wages", monthly_amount=amount)
        ReviewOpinion.objects.create(
            case=case,
            recommends_approval=recommends,
            opinion="符合条件",
            officer=officer,
        )
        return case

    return make


@pytest.fixture
def household(community):
    return HouseholdFactory(community=community)
