"""The street's and district's pages: organisations and workers, contracts with
delivered vs contracted, the referral list; the dashboard section, the work-list
section and personal data."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import personal_data
from assistance.referrals import section, services, work
from assistance.referrals.models import (
    ServiceContract,
    SocialWorker,
    SocialWorkOrganisation,
)
from audit.models import AuditEvent
from communities.models import Community
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _org_data(community, **extra):
    return {"name": "新社工", "credit_code": "91350100M000100Y43", "registration": "r",
            "contact_name": "王", "contact_phone": "010-1", "areas": [community.pk],
            **extra}  # fmt: skip


def test_an_officer_registers_an_organisation_and_bad_input_saves_nothing(
    officer, street, community, signed_in
):
    client = signed_in(officer)
    url = reverse("assistance:organisations", args=[street.slug])
    for bad in (
        {"credit_code": "123"},
        {"areas": ["99999999999999999999"]},
        {"name": ""},
    ):
        response = client.post(url, _org_data(community, **bad))
        assert response.status_code == 400, bad
        assert 'class="error"' in response.content.decode()
    assert not SocialWorkOrganisation.objects.exists()
    assert client.post(url, _org_data(community)).status_code == 302
    org = SocialWorkOrganisation.objects.get()
    assert org.street == street and list(org.areas.all()) == [community]
    assert AuditEvent.objects.filter(
        action="assistance.organisation_registered"
    ).exists()


def test_workers_are_added_by_account_email_and_paused(org, officer, signed_in):
    client = signed_in(officer)
    url = reverse("assistance:organisation-worker-add", args=[org.pk])
    data = {
        "email": "nobody@example.org",
        "qualification": "senior",
        "certificate_number": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "signs up first" in response.content.decode()
    assert not SocialWorker.objects.exists()
    person = UserFactory()
    assert client.post(url, {**data, "email": person.email}).status_code == 302
    assert client.post(url, {**data, "email": person.email}).status_code == 400
    worker = SocialWorker.objects.get()
    client.post(reverse("assistance:organisation-worker-active", args=[org.pk, worker.pk]),
                {"active": "0"})  # fmt: skip
    worker.refresh_from_db()
    assert not worker.is_active


def test_editing_an_organisation_with_bad_input_keeps_it(org, officer, signed_in):
    response = signed_in(officer).post(
        reverse("assistance:organisation-edit", args=[org.pk]),
        _org_data(org.areas.get(), name="改名", credit_code="bad"),
    )
    assert response.status_code == 400
    org.refresh_from_db()
    assert org.name == "阳光社工"


def test_the_contract_page_shows_delivered_vs_contracted_and_refuses_bad_input(
    referral, worker, officer, street, org, signed_in
):
    services.accept(referral=referral, actor=worker.user)
    services.record_visit(referral=referral, actor=worker.user, visited_on=TODAY,
                          minutes=30, notes="v")  # fmt: skip
    client = signed_in(officer)
    url = reverse("assistance:contracts", args=[street.slug])
    base = {"organisation": org.pk, "title": "项目", "starts_on": f"{TODAY.year}-01-01",
            "ends_on": f"{TODAY.year}-12-31", "budget": "1000"}  # fmt: skip
    for bad in (
        {},
        {"ends_on": "2000-01-01", "counselling_visits": "5"},
        {"budget": "-1", "counselling_visits": "5"},
        {"counselling_visits": "0"},
        {"starts_on": "x", "counselling_visits": "5"},
    ):
        response = client.post(url, {**base, **bad})
        assert response.status_code == 400, bad
    assert not ServiceContract.objects.exists()
    assert client.post(url, {**base, "counselling_visits": "8"}).status_code == 302
    page = client.get(url).content.decode()
    assert "<td>8</td><td>1</td>" in page.replace("\n", "")


def test_the_region_referral_list_filters_and_never_fails(
    referral, officer, street, signed_in
):
    client = signed_in(officer)
    url = reverse("assistance:region-referrals", args=[street.slug])
    page = client.get(url, {"service": "counselling", "status": "open"})
    assert referral.case.tracking_number in page.content.decode()
    assert "张三明" not in page.content.decode()
    other = client.get(url, {"service": "care"}).content.decode()
    assert referral.case.tracking_number not in other
    assert client.get(url, {"status": "nonsense", "page": "x"}).status_code == 200


def test_the_dashboard_section_counts_in_fixed_queries_and_links(
    referral, worker, officer, street, org, recipient, coordinator
):
    communities = Community.objects.filter(street=street)
    section.figures(communities, officer)  # the roles are read once per request
    with CaptureQueriesContext(connection) as first:
        figures = {f.key: f for f in section.figures(communities, officer)}
    assert figures["referrals_open"].count == 1
    assert figures["referrals_counselling"].count == 1
    assert "status=open" in figures["referrals_open"].url
    for _ in range(3):
        services.refer(case=recipient, actor=coordinator, service="care",
                       organisation=org, note="n")  # fmt: skip
    services.add_contract(
        actor=officer, region=street, organisation=org, title="t",
        starts_on=TODAY.replace(month=1, day=1), ends_on=TODAY.replace(month=12, day=31),
        budget=1, items={("care", "cases"): 4})  # fmt: skip
    with CaptureQueriesContext(connection) as second:
        figures = {f.key: f for f in section.figures(communities, officer)}
    assert len(second) == len(first)
    assert (figures["referrals_open"].count, figures["contracts_contracted"].count) == (
        4,
        4,
    )
    assert figures["contracts_delivered"].count == 0
    plain = {f.key: f for f in section.figures(communities, UserFactory())}
    assert plain["referrals_open"].url == ""


def test_the_work_list_shows_declined_and_unanswered_referrals(
    referral, worker, coordinator, community
):
    assert work.context(coordinator, community) is None
    services.decline(referral=referral, actor=worker.user, reason="名额已满")
    shown = work.context(coordinator, community)
    assert shown["waiting"] == 1 and shown["overdue"] == 0
    assert work.context(UserFactory(), community) is None


def test_personal_data_has_the_households_referrals_and_the_workers_visits(
    referral, worker, applicant
):
    services.accept(referral=referral, actor=worker.user)
    services.record_visit(referral=referral, actor=worker.user, visited_on=TODAY,
                          minutes=20, notes="陪同就医")  # fmt: skip
    collect = personal_data.collectors()
    mine = collect["assistance_referrals"](applicant)
    assert mine[0]["service"] == "counselling" and mine[0]["status"] == "in_progress"
    assert json.dumps(mine)
    assert collect["social_work_visits"](applicant) == []
    assert collect["social_work_visits"](worker.user)[0]["notes"] == "陪同就医"
    assert collect["assistance_referrals"](worker.user) == []
