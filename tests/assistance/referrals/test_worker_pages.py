"""The social worker's pages: my referrals, the referral page (the minimum for
the visit, each read logged), and the actions' bad input (clear errors, nothing
saved, never a 500)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.cases.models import CaseRead
from assistance.referrals import services
from assistance.referrals.models import Referral, ReferralVisit

pytestmark = pytest.mark.django_db


def test_my_referrals_lists_only_the_workers_own_with_masked_names(
    referral, worker, other_worker, signed_in
):
    page = signed_in(worker.user).get(reverse("assistance:my-referrals"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "张*明" in text and "张三明" not in text
    other = signed_in(other_worker.user).get(reverse("assistance:my-referrals"))
    assert reverse("assistance:referral", args=[referral.pk]) not in (
        other.content.decode()
    )


def test_the_assigned_worker_sees_the_visit_details_and_the_read_is_logged(
    referral, worker, signed_in
):
    page = signed_in(worker.user).get(
        reverse("assistance:referral", args=[referral.pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "13800138000" in text and "情绪低落" in text and "张*明" in text
    assert CaseRead.objects.filter(
        case=referral.case, reader=worker.user, capacity="social worker"
    ).exists()


def test_another_worker_and_a_stranger_are_refused(
    referral, other_worker, resident, signed_in
):
    url = reverse("assistance:referral", args=[referral.pk])
    assert signed_in(other_worker.user).get(url).status_code == 403
    assert signed_in(resident).get(url).status_code == 403
    assert not CaseRead.objects.filter(reader=other_worker.user).exists()


def test_staff_read_the_referral_as_the_case_logged_and_masked(
    referral, supervisor, signed_in
):
    page = signed_in(supervisor).get(reverse("assistance:referral", args=[referral.pk]))
    assert page.status_code == 200
    assert "13800138000" not in page.content.decode()
    assert CaseRead.objects.filter(
        reader=supervisor, capacity="district supervisor", what="service referral"
    ).exists()


def test_a_bad_visit_is_refused_with_errors_and_nothing_saved(
    referral, worker, signed_in, zh_client
):
    services.accept(referral=referral, actor=worker.user)
    client = signed_in(worker.user)
    url = reverse("assistance:referral-visit", args=[referral.pk])
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    for data in (
        {"visited_on": "2026-13-45", "minutes": "30", "notes": "x"},
        {"visited_on": tomorrow.isoformat(), "minutes": "30", "notes": "x"},
        {"visited_on": timezone.localdate().isoformat(), "minutes": "0", "notes": "x"},
        {
            "visited_on": timezone.localdate().isoformat(),
            "minutes": "99999999999999999999",
        },
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert 'class="error"' in response.content.decode()
    assert not ReferralVisit.objects.exists()
    worker.user.preferred_language = "zh-hans"
    worker.user.save()
    zh_client.force_login(worker.user)
    response = zh_client.post(
        url, {"visited_on": tomorrow.isoformat(), "minutes": "3", "notes": "x"}
    )
    assert "日期不能晚于今天" in response.content.decode()


def test_the_worker_records_a_visit_and_completes_through_the_pages(
    referral, worker, signed_in
):
    client = signed_in(worker.user)
    assert (
        client.post(
            reverse("assistance:referral-accept", args=[referral.pk])
        ).status_code
        == 302
    )
    client.post(
        reverse("assistance:referral-visit", args=[referral.pk]),
        {"visited_on": timezone.localdate().isoformat(), "minutes": "40", "notes": "面谈"},
    )  # fmt: skip
    bad = client.post(
        reverse("assistance:referral-complete", args=[referral.pk]),
        {"outcome": "nonsense", "summary": "好"},
    )
    assert bad.status_code == 400
    client.post(
        reverse("assistance:referral-complete", args=[referral.pk]),
        {"outcome": "achieved", "summary": "情绪稳定，结案。"},
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.COMPLETED
    assert referral.visits.get().minutes == 40


def test_declining_without_a_reason_and_out_of_range_ids_do_not_500(
    referral, worker, signed_in
):
    client = signed_in(worker.user)
    bad = client.post(reverse("assistance:referral-decline", args=[referral.pk]), {})
    assert bad.status_code == 400
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REFERRED
    assert client.get("/assistance/referrals/99999999999999999999/").status_code == 404
    assert client.get("/assistance/referrals/999999999999999999/").status_code == 404


def test_the_lead_assigns_an_unassigned_referral_without_reading_the_note(
    recipient, coordinator, org, worker, other_worker, signed_in
):
    referral = services.refer(case=recipient, actor=coordinator, service="care",
                              organisation=org, note="机密备注")  # fmt: skip
    client = signed_in(worker.user)
    page = client.get(reverse("assistance:referral", args=[referral.pk]))
    assert page.status_code == 200 and "机密备注" not in page.content.decode()
    url = reverse("assistance:referral-assign", args=[referral.pk])
    assert client.post(url, {"worker": "999999"}).status_code == 400
    assert client.post(url, {"worker": other_worker.pk}).status_code == 302
    referral.refresh_from_db()
    assert referral.worker == other_worker
