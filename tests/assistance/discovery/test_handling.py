"""The coordinator's list and report page, the visit and its outcome in one
form, the due times, and what the reporter is told."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from assistance.cases.models import Case, State
from assistance.discovery import services
from assistance.discovery.models import Outcome, Report, Urgency
from assistance.discovery.services import KIND_REPORT_HANDLED
from assistance.standards.models import WorkdayOverride
from notifications.models import Notification

NOW = timezone.now()


def _visit(client, report, **fields):
    data = {
        "visited_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "outcome": Outcome.NO_NEED,
        "note": "老人身体尚可，子女每周回来。",
    } | fields
    url = reverse("assistance:report-visit", args=[report.community.slug, report.pk])
    return client.post(url, data)


def test_an_urgent_report_is_due_in_hours_another_in_working_days(community, district):
    friday = timezone.make_aware(
        datetime.datetime.combine(datetime.date(2026, 3, 6), datetime.time(10))
    )
    urgent = services.visit_due(community, Urgency.URGENT, friday)
    assert urgent == friday + datetime.timedelta(hours=24)
    due = timezone.localtime(services.visit_due(community, Urgency.NORMAL, friday))
    assert due.date() == datetime.date(2026, 3, 11)  # Mon, Tue, Wed
    WorkdayOverride.objects.create(
        district=district, date=datetime.date(2026, 3, 10), is_workday=False
    )
    due = timezone.localtime(services.visit_due(community, Urgency.NORMAL, friday))
    assert due.date() == datetime.date(2026, 3, 12)


def test_the_list_shows_overdue_first_and_filters(
    signed_in, community, coordinator, make_report
):
    later = make_report()
    overdue = make_report(visit_due=NOW - datetime.timedelta(hours=2))
    done = make_report(visited_at=NOW, outcome=Outcome.NO_NEED, handled_at=NOW)
    client = signed_in(coordinator)
    url = reverse("assistance:reports", args=[community.slug])
    page = client.get(url)
    assert list(page.context["page"].object_list) == [overdue, later, done]
    page = client.get(url, {"status": "overdue", "year": "99999999999999999999"})
    assert list(page.context["page"].object_list) == [overdue]
    page = client.get(url, {"status": "nonsense", "page": "x"})
    assert page.status_code == 200
    assert "独居" not in page.content.decode()  # no content in the list


def test_no_need_needs_a_note_and_bad_input_saves_nothing(
    signed_in, coordinator, make_report
):
    report = make_report()
    client = signed_in(coordinator)
    for fields in (
        {"note": ""},
        {"visited_at": "not a date"},
        {"visited_at": "2999-01-01T10:00"},
        {"outcome": "vanished"},
        {"outcome": Outcome.APPLICATION, "applicant_name": ""},
        {"outcome": Outcome.APPLICATION, "applicant_name": "王大爷", "kind": ""},
        {"outcome": Outcome.SERVICE, "note": "  "},
    ):
        response = _visit(client, report, **fields)
        assert response.status_code == 400, fields
        assert response.context["form"].errors, fields
    report.refresh_from_db()
    assert report.visited_at is None and report.handled_at is None
    assert Case.objects.count() == 0


def test_the_visit_is_recorded_once_and_the_reporter_told_nothing_of_it(
    signed_in, coordinator, resident, make_report
):
    report = make_report(reporter=resident)
    client = signed_in(coordinator)
    response = _visit(client, report, outcome=Outcome.SERVICE, note="转介心理疏导服务")
    assert response.status_code == 302
    assert response.url == services.report_url(report)
    report.refresh_from_db()
    assert (report.outcome, report.visited_by) == (Outcome.SERVICE, coordinator)
    assert report.answered_in_time and report.handled_at
    told = Notification.objects.get(recipient=resident, kind=KIND_REPORT_HANDLED)
    assert "心理" not in told.title + told.body + told.url
    assert _visit(client, report).status_code == 403  # handled: nobody changes it


def test_referred_to_an_application_files_a_draft_on_the_households_behalf(
    signed_in, coordinator, make_report
):
    report = make_report()
    response = _visit(
        signed_in(coordinator),
        report,
        outcome=Outcome.APPLICATION,
        applicant_name="王大爷",
        applicant_phone="13912345678",
        kind="temporary",
        note="腿伤后无人照料",
    )
    report.refresh_from_db()
    case = report.case
    assert (case.state, case.filed_by, case.filed_by_proxy) == (
        State.DRAFT,
        coordinator,
        True,
    )
    assert case.applicant_name == "王大爷" and report.reference in case.reason
    assert response.url == reverse(
        "assistance:application-edit", args=[case.tracking_number]
    )


def test_emergency_aid_leads_to_the_grant_form_filled_from_the_report(
    signed_in, coordinator, make_report
):
    report = make_report()
    client = signed_in(coordinator)
    response = _visit(client, report, outcome=Outcome.EMERGENCY_AID)
    assert response.status_code == 302
    form_url = reverse("assistance:advance-aid-new", args=[report.community.slug])
    assert response.url.startswith(form_url + "?")
    assert f"report={report.pk}" in response.url
    form = client.get(response.url).context["form"]
    # The response time is measured from the report, not from the grant form.
    assert form.initial["source_report"] == report.pk
    assert form.initial["reported_at"] == report.created_at


def test_the_report_page_is_private_to_staff(
    signed_in, client, community, resident, coordinator, make_report
):
    report = make_report(reporter=resident)
    url = services.report_url(report)
    assert client.get(url).status_code == 302  # to sign in
    assert signed_in(resident).get(url).status_code == 403
    page = signed_in(coordinator).get(url)
    assert "独居老人" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    missing = reverse("assistance:report", args=[community.slug, report.pk + 1000])
    assert signed_in(coordinator).get(missing).status_code == 404
    assert Report.objects.count() == 1
