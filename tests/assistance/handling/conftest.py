"""A community with its assistance staff and cases in chosen states."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from assistance.cases.models import (
    Attachment,
    Case,
    CaseEvent,
    HouseholdMember,
    IncomeItem,
    PropertyItem,
)
from communities.models import Membership, Role
from tests.factories import CommunityFactory, StreetFactory
from tests.support.actors import grant_role, member

ID_NUMBER = "110101199001011234"


@pytest.fixture
def community(db):
    return CommunityFactory()


@pytest.fixture
def coordinator(community):
    return grant_role(Role.AID_COORDINATOR, community=community)


@pytest.fixture
def second_coordinator(community):
    return grant_role(Role.AID_COORDINATOR, community=community)


@pytest.fixture
def officer(community):
    return grant_role(Role.AID_OFFICER, region=community.street)


@pytest.fixture
def supervisor(community):
    return grant_role(Role.AID_SUPERVISOR, region=community.street.parent)


@pytest.fixture
def committee_member(community):
    return grant_role(Role.COMMITTEE, community=community)


@pytest.fixture
def other_officer(community):
    return grant_role(
        Role.AID_OFFICER, region=StreetFactory(parent=community.street.parent)
    )


@pytest.fixture
def platform_admin(db):
    return grant_role(Role.PLATFORM_ADMIN)


@pytest.fixture
def applicant(community):
    return member(community, Membership.Status.VERIFIED)


@pytest.fixture
def make_case(community, applicant):
    def make(state="submitted", *, accepted_days_ago=None, **fields):
        household = applicant.memberships.first().household
        case = Case.objects.create(
            community=fields.pop("community", community),
            household=household,
            applicant=applicant,
            applicant_name="张三明",
            applicant_phone="13812345678",
            kind=fields.pop("kind", "dibao"),
            state=state,
            reason="失业，无收入",
            bank_account="6222020200112233445",
            submitted_at=timezone.now(),
            **fields,
        )
        if accepted_days_ago is not None:
            case.accepted_on = timezone.localdate() - datetime.timedelta(
                days=accepted_days_ago
            )
            case.decision_due = timezone.localdate() + datetime.timedelta(days=30)
            case.save()
            CaseEvent.objects.create(
                case=case,
                action="accept",
                from_state="submitted",
                to_state="accepted",
                at=timezone.now() - datetime.timedelta(days=accepted_days_ago),
            )
        return case

    return make


@pytest.fixture
def full_case(make_case):
    """A submitted case with two members, income, property and one document."""
    case = make_case()
    head = HouseholdMember.objects.create(
        case=case, name="张三明", relationship="self", id_number=ID_NUMBER
    )
    HouseholdMember.objects.create(
        case=case, name="李四", relationship="spouse", id_number="110101199202023456"
    )
    IncomeItem.objects.create(
        case=case, member=head, kind="wages", monthly_amount=Decimal("300.00")
    )
    IncomeItem.objects.create(case=case, kind="transfer", monthly_amount=Decimal("200"))
    PropertyItem.objects.create(case=case, kind="deposit", value=Decimal("1000"))
    Attachment.objects.create(
        case=case,
        kind="id_card",
        file=ContentFile(b"%PDF-1.4 id card", name="id.pdf"),
        original_name="id.pdf",
    )
    return case


@pytest.fixture(autouse=True)
def _my_case_url(monkeypatch):
    """The applicant's page is the applications concern's ("assistance:my-case");
    these tests need only an address for it."""
    monkeypatch.setattr(
        "assistance.cases.notify.my_case_url",
        lambda case: f"/assistance/my/{case.tracking_number}/",
    )
