"""Filing a report: signed in or anonymous with a phone number, rate-limited,
CSRF-protected, told only that it was received; coordinators notified privately;
volunteers report from the shift of a visiting activity."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from assistance.discovery.models import Capacity, Report
from assistance.discovery.services import KIND_REPORT_NEW
from audit.models import AuditEvent
from communities.models import Role
from notifications.models import Notification
from tests.support.actors import grant_role
from tests.volunteers.factories import ActivityFactory, ShiftFactory, active_volunteer
from volunteers.shifts.models import SignUp

SEEN = "独居老人三天没下楼，家里好像没有吃的"


def _post(client, community, **fields):
    data = {"place": "5号楼302", "seen": SEEN, "urgency": "urgent"} | fields
    url = reverse("assistance:report-new", args=[community.slug])
    return client.post(url, data)


def test_a_resident_reports_and_only_the_coordinators_are_told(
    signed_in, community, resident, coordinator
):
    committee = grant_role(Role.COMMITTEE, community=community)
    client = signed_in(resident)
    response = _post(client, community, capacity="resident")
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.capacity, report.urgency) == (
        resident,
        Capacity.RESIDENT,
        "urgent",
    )
    page = client.get(response.url)
    assert report.reference in page.content.decode()
    assert SEEN not in page.content.decode()
    told = Notification.objects.filter(kind=KIND_REPORT_NEW)
    assert [n.recipient for n in told] == [coordinator]
    assert SEEN not in told[0].title + told[0].body
    assert not Notification.objects.filter(recipient=committee).exists()
    assert AuditEvent.objects.filter(action="assistance.report_filed").count() == 1


def test_the_report_is_encrypted_at_rest(make_report):
    report = make_report()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT seen, place FROM assistance_report WHERE id = %s", [report.pk]
        )
        seen, place = cursor.fetchone()
    assert "独居" not in seen and "号楼" not in place


def test_an_anonymous_report_needs_a_valid_mobile_number_and_saves_nothing_without(
    client, community
):
    for phone in ("", "12345", "2381234567x"):
        response = _post(client, community, phone=phone)
        assert response.status_code == 400
        assert "phone" in response.context["form"].errors
    response = _post(client, community, phone="138 1234 5678", urgency="soon")
    assert response.status_code == 400
    assert "urgency" in response.context["form"].errors
    assert Report.objects.count() == 0
    response = _post(client, community, phone="13812345678")
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.capacity, report.reporter_phone) == (
        None,
        Capacity.ANONYMOUS,
        "+8613812345678",
    )


def test_bad_input_gets_translated_errors_and_saves_nothing(
    signed_in, community, resident
):
    resident.preferred_language = "zh-hans"
    resident.save(update_fields=["preferred_language"])
    client = signed_in(resident)
    response = _post(
        client, community, place="", seen="x" * 2001, capacity="mayor", urgency=""
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {
        "place",
        "seen",
        "capacity",
        "urgency",
    }
    assert "必需字段" in response.content.decode()
    assert "选择一个有效的选项" in str(response.context["form"].errors["capacity"])
    assert Report.objects.count() == 0


def test_anonymous_reports_are_rate_limited_per_address(client, community):
    for _ in range(5):
        assert _post(client, community, phone="13812345678").status_code == 302
    response = _post(client, community, phone="13812345678")
    assert response.status_code == 429
    assert Report.objects.count() == 5


def test_the_report_form_is_csrf_protected(community):
    client = Client(enforce_csrf_checks=True)
    assert _post(client, community, phone="13812345678").status_code == 403
    assert Report.objects.count() == 0


def test_a_volunteer_reports_from_the_shift_of_a_visiting_activity(
    signed_in, community
):
    volunteer = active_volunteer(community)
    visiting = ShiftFactory(
        activity=ActivityFactory(community=community, home_visits=True)
    )
    other = ShiftFactory(activity=ActivityFactory(community=community))
    for shift in (visiting, other):
        SignUp.objects.create(shift=shift, volunteer=volunteer, status="confirmed")
    client = signed_in(volunteer)
    page = client.get(
        reverse("volunteers:activity", args=[community.slug, visiting.activity.pk])
    )
    link = (
        f"{reverse('assistance:report-new', args=[community.slug])}?shift={visiting.pk}"
    )
    assert link in page.content.decode()
    page = client.get(
        reverse("volunteers:activity", args=[community.slug, other.activity.pk])
    )
    assert "?shift=" not in page.content.decode()
    url = reverse("assistance:report-new", args=[community.slug])
    assert client.get(f"{url}?shift={other.pk}").status_code == 404
    assert client.get(f"{url}?shift=99999999999999999999").status_code == 404
    response = client.post(link, {"place": "3号楼", "seen": SEEN, "urgency": "normal"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.capacity, report.source) == (
        Capacity.VOLUNTEER,
        f"volunteers.shift:{visiting.pk}",
    )


@pytest.mark.parametrize("who", ["resident", "other"])
def test_the_shift_link_is_only_for_the_volunteer_signed_up(signed_in, community, who):
    shift = ShiftFactory(
        activity=ActivityFactory(community=community, home_visits=True)
    )
    volunteer = active_volunteer(community)
    if who == "resident":
        SignUp.objects.create(shift=shift, volunteer=volunteer, status="waiting")
    page = signed_in(volunteer).get(
        reverse("volunteers:activity", args=[community.slug, shift.activity.pk])
    )
    assert "?shift=" not in page.content.decode()
