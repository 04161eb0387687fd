"""assistance.referrals.demo: a social-work organisation with its lead worker,
referrals (one completed with the outcome achieved), a purchased-service
contract and an anonymous charity need posted from a case; a second seeding adds
nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from assistance.referrals.models import (
    CaseLink,
    Referral,
    ServiceContract,
    SocialWorker,
    SocialWorkOrganisation,
)
from charity.models import Need

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_demo_has_an_organisation_referrals_a_contract_and_a_need(seeded):
    worker = SocialWorker.objects.get(user__email="social-worker@demo.gongzhi.cn")
    assert worker.is_lead and worker.organisation.areas.exists()
    assert set(Referral.objects.values_list("status", "outcome")) == {
        ("completed", "achieved"),
        ("accepted", ""),
    }
    contract = ServiceContract.objects.get()
    assert contract.items.count() == 3
    link = CaseLink.objects.get(kind="charity_need")
    assert Need.objects.get(pk=link.target_id).item == "冬季棉被"
    counts = [
        model.objects.count()
        for model in (SocialWorkOrganisation, Referral, ServiceContract, CaseLink, Need)
    ]
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert counts == [
        model.objects.count()
        for model in (SocialWorkOrganisation, Referral, ServiceContract, CaseLink, Need)
    ]
