"""The case page's panel: refer the case, post an anonymous charity need and ask
for a volunteer visiting activity; the links back stay with the case (staff
only) and the texts sent out name no one."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.referrals.models import CaseLink, Referral
from charity.models import Need
from communities.models import Role
from notifications.models import Notification
from tests.support.actors import grant_role
from volunteers.shifts.models import Activity

pytestmark = pytest.mark.django_db
SOON = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()


def _url(name, case):
    return reverse(f"assistance:{name}", args=[case.tracking_number])


def test_the_coordinator_refers_from_the_case_page(
    recipient, coordinator, org, worker, signed_in
):
    client = signed_in(coordinator)
    page = client.get(_url("case", recipient)).content.decode()
    assert _url("case-refer", recipient) in page
    bad = client.post(
        _url("case-refer", recipient),
        {"service": "counselling", "organisation": "99999999999999999999", "note": "n"},
    )
    assert bad.status_code == 400
    assert "Choose an organisation from the list." in bad.content.decode()
    assert not Referral.objects.exists()
    done = client.post(
        _url("case-refer", recipient),
        {
            "service": "care",
            "organisation": org.pk,
            "worker": worker.pk,
            "note": "照料",
        },
    )
    assert done.status_code == 302
    referral = Referral.objects.get()
    assert (referral.worker, referral.service) == (worker, "care")
    page = client.get(_url("case", recipient)).content.decode()
    assert reverse("assistance:referral", args=[referral.pk]) in page


def test_a_need_naming_the_household_is_refused_and_nothing_is_posted(
    recipient, coordinator, signed_in
):
    client = signed_in(coordinator)
    url = _url("case-charity-need", recipient)
    for description in ("给张三明家", "电话 138 0013 8000", "身份证110101199001011234"):
        response = client.post(url, {"item": "棉被", "quantity": "2", "unit": "床",
                                     "needed_by": SOON, "description": description})  # fmt: skip
        assert response.status_code == 400, description
        assert "Leave out names" in response.content.decode()
    bad_date = client.post(url, {"item": "棉被", "quantity": "2", "unit": "床",
                                 "needed_by": "2000-01-01"})  # fmt: skip
    assert bad_date.status_code == 400
    assert not Need.objects.exists() and not CaseLink.objects.exists()


def test_an_anonymous_need_is_posted_and_linked_for_staff_only(
    recipient, coordinator, resident, signed_in
):
    client = signed_in(coordinator)
    response = client.post(
        _url("case-charity-need", recipient),
        {"item": "冬季棉被", "quantity": "2", "unit": "床", "needed_by": SOON,
         "description": "为一户困难家庭过冬准备"},
    )  # fmt: skip
    assert response.status_code == 302
    need = Need.objects.get()
    link = CaseLink.objects.get()
    assert (link.kind, link.target_id, link.case) == (
        "charity_need",
        need.pk,
        recipient,
    )
    assert need.community == recipient.community and "张" not in need.description
    public = signed_in(resident).get(
        reverse("charity:need", args=[need.community.slug, need.pk])
    )
    assert recipient.tracking_number not in public.content.decode()


def test_a_visiting_activity_is_asked_of_the_volunteer_coordinators(
    recipient, coordinator, community, signed_in
):
    volunteer_coordinator = grant_role(Role.COORDINATOR, community=community)
    client = signed_in(coordinator)
    url = _url("case-volunteer-visit", recipient)
    assert (
        client.post(url, {"title": "探访", "place": "", "description": "x"}).status_code
        == 400
    )
    assert not Activity.objects.exists()
    response = client.post(
        url,
        {"title": "探访独居老人", "place": "和平社区", "description": "每周陪伴聊天"},
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.status == Activity.Status.DRAFT
    assert CaseLink.objects.get().target_id == activity.pk
    assert Notification.objects.filter(
        recipient=volunteer_coordinator, kind="volunteers.visit_requested"
    ).exists()


def test_the_household_and_other_communities_staff_cannot_refer(
    recipient, applicant, org, signed_in
):
    response = signed_in(applicant).post(
        _url("case-refer", recipient),
        {"service": "care", "organisation": org.pk, "note": "n"},
    )
    assert response.status_code == 403
    assert not Referral.objects.exists()
