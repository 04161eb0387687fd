"""Escalation of reports not visited in time, the work-list section, the
dashboard figures (fixed queries) and the reporter's personal-data export."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from accounts.personal_data import collectors
from assistance.discovery import section, services
from assistance.discovery.models import Outcome
from assistance.discovery.services import KIND_REPORT_ESCALATED
from audit.models import AuditEvent
from communities.models import Community
from notifications import scheduling
from notifications.models import Notification

NOW = timezone.now()
HOUR = datetime.timedelta(hours=1)


def test_an_overdue_report_is_escalated_to_the_street_once(
    signed_in, community, officer, coordinator, make_report
):
    late = make_report(visit_due=NOW - HOUR)
    make_report()  # not due yet
    make_report(visit_due=NOW - HOUR, visited_at=NOW, outcome=Outcome.NO_NEED)
    assert "assistance.escalate_overdue_reports" in {
        job.name for job in scheduling.registered_jobs()
    }
    assert services.escalate_overdue_reports() == 1
    assert services.escalate_overdue_reports() == 0
    late.refresh_from_db()
    assert late.escalated_at is not None and late.is_overdue
    told = Notification.objects.filter(kind=KIND_REPORT_ESCALATED)
    assert [n.recipient for n in told] == [officer]
    assert told[0].url == services.report_url(late)
    assert AuditEvent.objects.filter(action="assistance.report_escalated").count() == 1
    # The street's officer now reads and handles it; the list shows it as overdue.
    client = signed_in(officer)
    page = client.get(reverse("assistance:reports", args=[community.slug]))
    assert list(page.context["page"].object_list) == [late]
    assert "Overdue" in page.content.decode()
    response = client.post(
        reverse("assistance:report-visit", args=[community.slug, late.pk]),
        {
            "visited_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "outcome": Outcome.NO_NEED,
            "note": "已入户核实",
        },
    )
    assert response.status_code == 302


def test_the_work_list_shows_reports_waiting_overdue_first(
    signed_in, community, coordinator, make_report
):
    make_report(urgency="urgent")
    overdue = make_report(visit_due=NOW - HOUR)
    body = (
        signed_in(coordinator)
        .get(reverse("assistance:work", args=[community.slug]))
        .content.decode()
    )
    assert "Reports to visit" in body
    assert body.index(overdue.reference) < body.index("urgent")


def test_the_dashboard_figures_link_to_the_lists_in_fixed_queries(
    community,
    other_community,
    coordinator,
    supervisor,
    make_report,
    django_assert_num_queries,
):
    made = NOW - 10 * HOUR
    make_report(created_at=made, visited_at=made + 2 * HOUR, outcome=Outcome.NO_NEED)
    make_report(created_at=made, visited_at=made + 6 * HOUR, outcome=Outcome.NO_NEED)
    make_report(visit_due=NOW - HOUR, escalated_at=NOW)
    one = Community.objects.filter(pk=community.pk)
    figures = {f.key: f for f in section.figures(one, coordinator)}
    assert {k: f.count for k, f in figures.items()} == {
        "reports_received": 3,
        "reports_in_time": 2,
        "reports_overdue": 1,
        "reports_escalated": 1,
        "reports_median_hours": 4,
    }
    assert figures["reports_overdue"].url == (
        reverse("assistance:reports", args=[community.slug]) + "?status=overdue"
    )
    both = Community.objects.filter(pk__in=[community.pk, other_community.pk])
    section.figures(both, supervisor)
    with django_assert_num_queries(3):
        assert all(f.url == "" for f in section.figures(both, supervisor))
    for _ in range(5):
        make_report(community=other_community, visited_at=NOW, outcome="no_need")
    with django_assert_num_queries(3):
        section.figures(both, supervisor)


def test_the_reporter_exports_what_they_wrote_not_the_outcome(resident, make_report):
    make_report(
        reporter=resident,
        visited_at=NOW,
        outcome=Outcome.SERVICE,
        outcome_note="转介心理疏导",
        handled_at=NOW,
    )
    exported = collectors()["assistance_reports"](resident)
    assert exported[0]["what_you_saw"] == "独居老人三天没下楼"
    assert "转介" not in str(exported)
