"""Certificates: one per team, masked identity, print-ready; public verification."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from tests.factories import UserFactory
from tests.volunteers.records.helpers import served, team_shift
from volunteers.models import Certificate
from volunteers.profiles import crypto
from volunteers.records import services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def volunteer_with_hours():
    """Hours with two teams of one community, one correction, and one older record."""
    first = team_shift(starts_at=days_ago(10))
    community = first.activity.community
    record = served(
        first,
        hours="3.00",
        id_number_encrypted=crypto.encrypt("110101199001011234"),
    )
    person = record.volunteer
    person.real_name = "王小明"
    person.save()
    served(team_shift(team=first.activity.team, starts_at=days_ago(5)), person, "2.00")
    other_team = team_shift(community=community, starts_at=days_ago(4))
    wrong = served(other_team, person, "4.00")
    services.correct_record(
        actor=UserFactory(), service_record=wrong, hours=Decimal("1.5"), reason="x"
    )
    served(team_shift(team=first.activity.team, starts_at=days_ago(60)), person, "8")
    return person, first.activity.team, other_team.activity.team


def _period(days=30):
    today = timezone.localdate()
    return today - datetime.timedelta(days=days), today


def test_each_team_that_kept_records_issues_its_own_certificate(volunteer_with_hours):
    person, team, other = volunteer_with_hours
    start, end = _period()
    issued = services.issue_certificates(
        volunteer=person, period_start=start, period_end=end
    )
    by_team = {c.team_id: c for c in issued}
    assert set(by_team) == {team.pk, other.pk}
    mine = by_team[team.pk]
    assert mine.hours == Decimal("5.00")  # the 60-day-old record is outside
    assert by_team[other.pk].hours == Decimal("1.50")  # the current version only
    assert mine.masked_name == "王*明"
    assert mine.masked_id_number == "1101**********1234"
    assert team.name in mine.issuer_name
    assert "2 shifts" in mine.summary
    assert re.fullmatch(
        r"GZ-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", mine.serial
    )
    assert (
        AuditEvent.objects.filter(action="volunteers.certificate_issued").count() == 2
    )


def test_asking_again_for_the_same_period_returns_the_same_certificate(
    volunteer_with_hours,
):
    person, *_ = volunteer_with_hours
    start, end = _period()
    first = services.issue_certificates(
        volunteer=person, period_start=start, period_end=end
    )
    again = services.issue_certificates(
        volunteer=person, period_start=start, period_end=end
    )
    assert [c.serial for c in first] == [c.serial for c in again]
    assert Certificate.objects.count() == 2


def test_serials_are_random():
    serials = {services.new_serial() for _ in range(500)}
    assert len(serials) == 500


def test_no_confirmed_hours_no_certificate():
    start, end = _period()
    with pytest.raises(ValidationError, match="no confirmed service hours"):
        services.issue_certificates(
            volunteer=UserFactory(), period_start=start, period_end=end
        )


def test_the_request_form_refuses_a_backwards_period(client, volunteer_with_hours):
    person, *_ = volunteer_with_hours
    client.force_login(person)
    today = timezone.localdate()
    response = client.post(
        reverse("volunteers:certificate-request"),
        {"period_start": today.isoformat(), "period_end": "2020-01-01"},
    )
    assert response.status_code == 400
    assert "The end must not be before the start." in response.text
    assert not Certificate.objects.exists()


def test_the_request_form_issues_and_lists_certificates(client, volunteer_with_hours):
    person, *_ = volunteer_with_hours
    client.force_login(person)
    start, end = _period()
    response = client.post(
        reverse("volunteers:certificate-request"),
        {"period_start": start.isoformat(), "period_end": end.isoformat()},
        follow=True,
    )
    assert "Certificates issued: 2." in response.text
    for certificate in Certificate.objects.all():
        assert f"Open certificate {certificate.serial}" in response.text


def test_the_owner_opens_and_downloads_a_print_ready_certificate(
    client, volunteer_with_hours
):
    person, *_ = volunteer_with_hours
    start, end = _period()
    certificate = services.issue_certificates(
        volunteer=person, period_start=start, period_end=end
    )[0]
    url = reverse("volunteers:certificate", args=[certificate.serial])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # not theirs
    client.force_login(person)
    page = client.get(url)
    assert page.status_code == 200
    assert "@media print" in page.text
    assert "王*明" in page.text and "1101**********1234" in page.text
    assert "王小明" not in page.text and "110101199001011234" not in page.text
    assert 'src="data:image/svg+xml;base64,' in page.text
    verify = reverse("volunteers:certificate-verify-serial", args=[certificate.serial])
    assert verify in page.text
    download = client.get(url + "?download=1")
    assert "attachment" in download["Content-Disposition"]


def test_anyone_verifies_a_certificate_by_its_serial(client, volunteer_with_hours):
    person, *_ = volunteer_with_hours
    start, end = _period()
    certificate = services.issue_certificates(
        volunteer=person, period_start=start, period_end=end
    )[0]
    page = client.get(
        reverse("volunteers:certificate-verify"),
        {"serial": certificate.serial.lower().replace("-", "- ")},
    )
    assert page.status_code == 200
    assert "This certificate is genuine." in page.text
    assert "王*明" in page.text and certificate.issuer_name in page.text
    assert "csrfmiddlewaretoken" not in page.text
    by_path = client.get(
        reverse("volunteers:certificate-verify-serial", args=[certificate.serial])
    )
    assert by_path.status_code == 200


def _without(text, serial):
    return text.replace(serial, "").replace(serial.lower(), "")


def test_a_wrong_or_altered_serial_shows_not_found_and_nothing_else(
    client, volunteer_with_hours
):
    person, *_ = volunteer_with_hours
    start, end = _period()
    certificate = services.issue_certificates(
        volunteer=person, period_start=start, period_end=end
    )[0]
    altered = certificate.serial[:-1] + ("A" if certificate.serial[-1] != "A" else "B")
    made_up = "GZ-AAAA-BBBB-CCCC-DDDD"
    responses = {
        serial: client.get(reverse("volunteers:certificate-verify"), {"serial": serial})
        for serial in (altered, made_up)
    }
    for response in responses.values():
        assert response.status_code == 404
        assert "Not found." in response.text
        assert "王*明" not in response.text
        assert certificate.issuer_name not in response.text
    assert _without(responses[altered].text, altered) == _without(
        responses[made_up].text, made_up
    )
    by_path = client.get(
        reverse("volunteers:certificate-verify-serial", args=[altered])
    )
    assert by_path.status_code == 404 and "Not found." in by_path.text


def test_look_ups_are_rate_limited_per_address(client):
    # The counter lives in the cache, which on Redis outlives a test: start from zero.
    cache.delete("volunteers:verify:127.0.0.1")
    url = reverse("volunteers:certificate-verify")
    for _ in range(30):
        assert client.get(url, {"serial": "GZ-X"}).status_code == 404
    limited = client.get(url, {"serial": "GZ-X"})
    assert limited.status_code == 429
    assert "Too many look-ups" in limited.text
