"""The pages: the review and warning lists (fixed queries), recording and
deciding a review and acting on a warning through the forms (bad input: a clear
error, nothing saved), refusals, malformed ids, the case-page panel, the work
list, the dashboards' section and the personal-data export."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import personal_data
from assistance.cases.models import CaseRead
from assistance.cases.workflow import transition
from assistance.monitoring import section, services
from assistance.monitoring.models import EarlyWarning, Review, ReviewSchedule
from communities.models import Community

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_the_lists_run_in_fixed_queries(
    signed_in, coordinator, community, recipient, make_case
):
    ReviewSchedule.objects.filter(case=recipient).update(
        due_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    services.open_warning(recipient, "stopped", detail="停发")
    client = signed_in(coordinator)
    reviews = reverse("assistance:reviews", args=[community.slug])
    warnings = reverse("assistance:warnings", args=[community.slug])
    body = client.get(reviews).content.decode()
    assert recipient.tracking_number in body and "Overdue" in body
    assert recipient.tracking_number in client.get(warnings).content.decode()
    few = (_queries(client, reviews), _queries(client, warnings))
    for _n in range(3):
        case = make_case("confirmed", kind="tekun")
        ReviewSchedule.objects.filter(case=case).update(due_on=timezone.localdate())
        services.open_warning(case, "income_drop")
    assert (_queries(client, reviews), _queries(client, warnings)) == few
    assert client.get(reviews + "?show=bogus&page=x").status_code == 200


def test_the_review_form_records_and_rejects_bad_input(
    signed_in, coordinator, recipient
):
    client = signed_in(coordinator)
    url = reverse("assistance:review-record", args=[recipient.tracking_number])
    page = client.get(url)
    assert page.status_code == 200
    assert CaseRead.objects.filter(case=recipient, what="periodic review").exists()
    item = recipient.incomes.get()
    good = {
        "visited_on": timezone.localdate().isoformat(),
        "findings": "入户复核，收入有变化。",
        "expenses": "0",
        f"income_{item.pk}": "1200",
    }
    for bad in (
        {"visited_on": "2026-13-45"},
        {"visited_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()},
        {f"income_{item.pk}": "-5"},
        {"new_name": "张小明"},
        {"findings": "短"},
    ):
        response = client.post(url, {**good, **bad})
        assert response.status_code == 400, bad
        assert 'class="errorlist' in response.content.decode()
        assert Review.objects.count() == 0
    response = client.post(url, good)
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.income_after == 1200


def test_the_officer_decides_through_the_form(
    signed_in, coordinator, officer, recipient
):
    item = recipient.incomes.get()
    review = services.record_review(
        case=recipient,
        actor=coordinator,
        visited_on=timezone.localdate(),
        findings="配偶就业。",
        changes=services.Changes(incomes={item.pk: 1200}),
    )
    url = reverse("assistance:review", args=[review.pk])
    assert signed_in(coordinator).post(url, {}).status_code == 403
    client = signed_in(officer)
    assert "Record the decision" in client.get(url).content.decode()
    for bad in (
        {
            "decision": "apply",
            "from_month": "2026-99",
            "reasons": "收入增加，核减金额。",
        },
        {"decision": "apply", "from_month": "", "reasons": "收入增加。"},
        {"decision": "", "from_month": "", "reasons": "收入增加，核减金额。"},
    ):
        assert client.post(url, bad).status_code == 400, bad
        review.refresh_from_db()
        assert review.is_pending
    month = services.first_of_next_month()
    response = client.post(
        url,
        {
            "decision": "apply",
            "from_month": f"{month:%Y-%m}",
            "reasons": "收入增加，核减金额。",
        },
    )
    assert response.status_code == 302
    recipient.refresh_from_db()
    assert recipient.monthly_amount == 800


def test_acting_on_a_warning_through_the_form(
    signed_in, coordinator, officer, recipient
):
    warning = services.open_warning(recipient, "stopped", detail="停发")
    url = reverse("assistance:warning", args=[warning.pk])
    assert signed_in(officer).get(url).status_code == 200  # officers read
    assert signed_in(officer).post(url, {}).status_code == 403
    client = signed_in(coordinator)
    for bad in ({"action": "", "note": "上门了解"}, {"action": "visited", "note": ""}):
        assert client.post(url, bad).status_code == 400
        warning.refresh_from_db()
        assert warning.is_open
    assert (
        client.post(url, {"action": "referred", "note": "转介就业帮扶"}).status_code
        == 302
    )
    warning.refresh_from_db()
    assert warning.action == "referred"


def test_refusals_and_malformed_ids(signed_in, client, resident, recipient, community):
    for url in (
        reverse("assistance:reviews", args=[community.slug]),
        reverse("assistance:warnings", args=[community.slug]),
        reverse("assistance:review-record", args=[recipient.tracking_number]),
    ):
        assert signed_in(resident).get(url).status_code == 403, url
    for path in (
        "/assistance/reviews/999999999999999999/",
        "/assistance/warnings/999999999999999999/",
    ):
        assert signed_in(resident).get(path).status_code == 404
    assert client.get("/assistance/reviews/12345678901234567890/").status_code == 404


def test_the_case_page_shows_the_review_panel(
    signed_in, coordinator, officer, recipient
):
    url = reverse("assistance:case", args=[recipient.tracking_number])
    record = reverse("assistance:review-record", args=[recipient.tracking_number])
    assert record in signed_in(coordinator).get(url).content.decode()
    transition(recipient, "stop", actor=officer, note="停发")
    response = signed_in(officer).get(url)
    assert response.status_code == 200
    assert "assistance stopped" in response.content.decode()
    assert record not in response.content.decode()


def test_the_work_list_shows_reviews_due_and_warnings(
    signed_in, coordinator, community, recipient
):
    ReviewSchedule.objects.filter(case=recipient).update(
        due_on=timezone.localdate() + datetime.timedelta(days=10)
    )
    services.open_warning(recipient, "income_drop", detail="收入下降")
    body = (
        signed_in(coordinator)
        .get(reverse("assistance:work", args=[community.slug]))
        .content.decode()
    )
    assert "Periodic reviews due" in body and "Early warnings" in body
    assert recipient.tracking_number in body


def test_the_dashboard_section_counts_and_links(
    coordinator, officer, community, other_community, recipient
):
    today = timezone.localdate()
    ReviewSchedule.objects.filter(case=recipient).update(
        due_on=today - datetime.timedelta(days=1)
    )
    services.open_warning(recipient, "stopped")
    one = Community.objects.filter(pk=community.pk)
    with CaptureQueriesContext(connection) as captured:
        figures = {f.key: f for f in section.figures(one, officer)}
    assert figures["assistance_reviews_overdue"].count == 1
    assert figures["assistance_warnings_open"].count == 1
    assert "show=overdue" in figures["assistance_reviews_overdue"].url
    assert len(captured) <= 6
    both = Community.objects.filter(pk__in=[community.pk, other_community.pk])
    per = section.per_community(both, coordinator)
    assert per[other_community.pk][0].url == ""  # not their community
    assert per[community.pk][1].count == 1


def test_the_household_export_holds_reviews_and_amount_changes(
    recipient, coordinator, officer, applicant
):
    item = recipient.incomes.get()
    review = services.record_review(
        case=recipient,
        actor=coordinator,
        visited_on=timezone.localdate(),
        findings="配偶就业。",
        changes=services.Changes(incomes={item.pk: 1200}),
    )
    services.decide_review(
        review=review, actor=officer, decision="apply", reasons="收入增加，核减金额。"
    )
    exported = personal_data.collectors()["assistance_reviews"](applicant)
    assert exported["reviews"][0]["findings"] == "配偶就业。"
    assert exported["amount_changes"][0]["new_amount"] == "800.00"
    assert EarlyWarning.objects.count() == 0
