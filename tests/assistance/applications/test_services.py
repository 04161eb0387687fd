"""The application services' rules, called directly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from assistance.applications import services
from assistance.applications.services import ApplicationData
from assistance.cases import workflow
from assistance.cases.models import Case, HouseholdMember, State
from communities.models import Role
from tests.factories import CommunityFactory, HouseholdFactory, UserFactory
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db


def _data(*relationships, **fields):
    members = [
        {"name": f"成员{i}", "relationship": r, "position": i + 1}
        for i, r in enumerate(relationships)
    ]
    return ApplicationData(fields={"kind": "dibao", **fields}, members=members)


def test_only_verified_residents_start_an_application(community):
    with pytest.raises(ValidationError):
        services.start_application(
            user=UserFactory(), community=community, kind="dibao"
        )
    assert not Case.objects.exists()


def test_cause_is_dropped_for_other_kinds(resident, community):
    case = services.start_application(
        user=resident, community=community, kind="dibao", temporary_cause="expense"
    )
    assert case.temporary_cause == ""


def test_two_applicants_are_refused_even_in_a_draft(draft):
    with pytest.raises(ValidationError, match="Only one member"):
        services.save_application(
            case=draft, actor=draft.applicant, data=_data("self", "self")
        )
    assert not HouseholdMember.objects.exists()


def test_income_of_an_unlisted_member_is_refused(draft):
    data = _data("self")
    data.incomes = [{"member": 5, "kind": "wages", "monthly_amount": 1}]
    with pytest.raises(ValidationError, match="not in the list"):
        services.save_application(case=draft, actor=draft.applicant, data=data)
    assert not HouseholdMember.objects.exists()


def test_accounts_outside_the_household_are_not_linked(draft):
    stranger = UserFactory()
    data = _data("self")
    data.members[0]["account"] = stranger.pk
    services.save_application(case=draft, actor=draft.applicant, data=data)
    assert HouseholdMember.objects.get().user is None
    data.members[0]["account"] = draft.applicant.pk
    services.save_application(case=draft, actor=draft.applicant, data=data)
    assert HouseholdMember.objects.get().user == draft.applicant


def test_incomplete_case_cannot_be_submitted(draft):
    services.save_application(case=draft, actor=draft.applicant, data=_data("self"))
    with pytest.raises(ValidationError) as error:
        services.submit_application(case=draft, actor=draft.applicant)
    messages = " ".join(error.value.messages)
    for expected in ("why you apply", "Attach: ID card", "Sign the commitment"):
        assert expected in messages
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and draft.submitted_at is None


def test_submitted_case_cannot_be_saved(draft):
    Case.objects.filter(pk=draft.pk).update(state=State.SUBMITTED)
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.save_application(case=draft, actor=draft.applicant, data=_data("self"))


def test_proxy_household_must_be_in_the_community(community):
    filer = grant_role(Role.AID_OFFICER, region=community.street)
    elsewhere = HouseholdFactory(community=CommunityFactory())
    with pytest.raises(ValidationError):
        services.start_proxy_application(
            filer=filer,
            community=community,
            service_point="街道服务中心",
            kind="dibao",
            household=elsewhere,
            applicant_name="王五",
        )
    assert not Case.objects.exists()


def test_one_appeal_only(draft, community):
    officer = grant_role(Role.AID_OFFICER, region=community.street)
    Case.objects.filter(pk=draft.pk).update(state=State.REFUSED)
    draft.refresh_from_db()
    services.appeal_refusal(case=draft, actor=draft.applicant, reason="收入计算有误")
    workflow.transition(draft, "dismiss_appeal", actor=officer)
    with pytest.raises(ValidationError, match="already appealed"):
        services.appeal_refusal(
            case=draft, actor=draft.applicant, reason="再次申诉理由"
        )
    draft.refresh_from_db()
    assert draft.state == State.REFUSED
