"""assistance.referrals services: organisations and workers, the referral's
life (refer, assign, accept/decline, visits, completion) and contracts with
delivered vs contracted."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assistance.cases.models import CaseEvent
from assistance.referrals import selectors, services
from assistance.referrals.models import ContractItem, Referral, Service
from audit.models import AuditEvent
from notifications.models import Notification
from tests.factories import CommunityFactory, StreetFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_an_organisation_serves_only_communities_of_the_registering_street(
    officer, street, district, community
):
    far = CommunityFactory(street=StreetFactory(parent=district))
    with pytest.raises(ValidationError) as error:
        services.register_organisation(
            actor=officer, region=street, areas=[community, far], name="x",
            credit_code="52110000MJ00000016", registration="r",
            contact_name="c", contact_phone="1")  # fmt: skip
    assert "areas" in error.value.message_dict


def test_a_referral_goes_to_an_organisation_serving_the_community_and_its_worker(
    recipient, coordinator, org, worker, other_community
):
    org.areas.set([other_community])
    with pytest.raises(ValidationError) as error:
        services.refer(case=recipient, actor=coordinator, service=Service.CARE,
                       organisation=org, note="n")  # fmt: skip
    assert "organisation" in error.value.message_dict
    org.areas.set([recipient.community])
    worker.is_active = False
    worker.save()
    with pytest.raises(ValidationError) as error:
        services.refer(case=recipient, actor=coordinator, service=Service.CARE,
                       organisation=org, worker=worker, note="n")  # fmt: skip
    assert "worker" in error.value.message_dict
    assert not Referral.objects.exists()


def test_referring_notes_the_step_and_tells_the_worker(referral, worker):
    assert referral.status == Referral.Status.REFERRED
    assert CaseEvent.objects.filter(case=referral.case, action="refer_service").exists()
    assert Notification.objects.filter(
        recipient=worker.user, kind=services.KIND_REFERRAL
    ).exists()


def test_without_a_worker_the_lead_is_told_and_assigns_one(
    recipient, coordinator, org, worker, other_worker
):
    referral = services.refer(case=recipient, actor=coordinator, service=Service.CARE,
                              organisation=org, note="n")  # fmt: skip
    assert Notification.objects.filter(recipient=worker.user).count() == 1
    services.assign(referral=referral, actor=worker.user, worker=other_worker)
    referral.refresh_from_db()
    assert referral.worker == other_worker
    with pytest.raises(ValidationError):
        services.assign(referral=referral, actor=worker.user, worker=worker)


def test_the_worker_accepts_visits_and_completes(referral, worker, coordinator):
    user = worker.user
    services.accept(referral=referral, actor=user)
    with pytest.raises(ValidationError):
        services.complete(referral=referral, actor=user, outcome="achieved",
                          summary="done well enough")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.record_visit(referral=referral, actor=user, minutes=30, notes="x",
                              visited_on=TODAY + datetime.timedelta(days=1))  # fmt: skip
    assert "visited_on" in error.value.message_dict
    services.record_visit(referral=referral, actor=user, visited_on=TODAY,
                          minutes=45, notes="面谈")  # fmt: skip
    services.complete(referral=referral, actor=user, outcome="partly",
                      summary="情绪好转，仍需跟进。")  # fmt: skip
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("completed", "partly")
    assert referral.closed_at is not None
    assert (
        Notification.objects.filter(
            recipient=coordinator, kind=services.KIND_REFERRAL_UPDATE
        ).count()
        == 2
    )
    assert AuditEvent.objects.filter(action="assistance.referral_visit").exists()


def test_declining_needs_a_reason_and_closes_the_referral(referral, worker):
    with pytest.raises(ValidationError):
        services.decline(referral=referral, actor=worker.user, reason=" ")
    services.decline(referral=referral, actor=worker.user, reason="服务名额已满")
    referral.refresh_from_db()
    assert referral.status == "declined" and referral.decline_reason == "服务名额已满"
    with pytest.raises(ValidationError):
        services.accept(referral=referral, actor=worker.user)


def test_delivered_counts_completed_referrals_and_visits_in_period_and_area(
    referral, worker, officer, street, district, org
):
    user = worker.user
    services.accept(referral=referral, actor=user)
    for _ in range(2):
        services.record_visit(referral=referral, actor=user, visited_on=TODAY,
                              minutes=30, notes="v")  # fmt: skip
    services.complete(referral=referral, actor=user, outcome="achieved",
                      summary="目标达成，结案。")  # fmt: skip
    year = TODAY.year
    items = {(Service.COUNSELLING, "cases"): 3, (Service.COUNSELLING, "visits"): 10,
             (Service.CARE, "cases"): 1}  # fmt: skip
    ours = services.add_contract(
        actor=officer, region=street, organisation=org, title="街道项目",
        starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31),
        budget=Decimal("1000"), items=items)  # fmt: skip
    other_street = StreetFactory(parent=district)
    services.add_contract(
        actor=officer, region=other_street, organisation=org, title="别的街道",
        starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31),
        budget=Decimal("1"), items={(Service.COUNSELLING, "cases"): 1})  # fmt: skip
    contracts = {c.title: c for c in selectors.contracts_of(district)}
    got = {(i.service, i.unit): i.delivered for i in contracts["街道项目"].rows}
    assert got == {("counselling", "cases"): 1, ("counselling", "visits"): 2,
                   ("care", "cases"): 0}  # fmt: skip
    assert [i.delivered for i in contracts["别的街道"].rows] == [0]
    assert ours.items.count() == 3 and ContractItem.objects.count() == 4
