"""Check-in from the roster or by QR code, and check-out making the service record."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import UserFactory
from tests.volunteers.records.helpers import coordinator_of, place, team_shift
from volunteers.models import Attendance, ServiceRecord, SignUp
from volunteers.records import services as record_services
from volunteers.shifts import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift():
    return team_shift(hours=3)


def at(shift, minutes):
    """A clock `minutes` after the shift starts (negative: before)."""
    return time_machine.travel(
        shift.starts_at + datetime.timedelta(minutes=minutes), tick=False
    )


def test_the_coordinator_checks_a_volunteer_in_from_the_roster(client, shift):
    signup = place(shift)
    client.force_login(coordinator_of(shift))
    with at(shift, 5):
        page = client.get(
            reverse(
                "volunteers:shift-roster",
                args=[shift.activity.community.slug, shift.pk],
            )
        )
        assert f"Check in {signup.volunteer.public_name}" in page.text
        response = client.post(
            reverse(
                "volunteers:roster-check-in",
                args=[shift.activity.community.slug, shift.pk, signup.pk],
            )
        )
    assert response.status_code == 302
    attendance = Attendance.objects.get(signup=signup)
    assert attendance.checked_in_via == "roster"
    assert attendance.checked_in_by == coordinator_of(shift)
    assert AuditEvent.objects.filter(action="volunteers.checked_in").exists()


def test_a_resident_cannot_use_the_roster(client, shift):
    signup = place(shift)
    client.force_login(signup.volunteer)
    with at(shift, 5):
        response = client.post(
            reverse(
                "volunteers:roster-check-in",
                args=[shift.activity.community.slug, shift.pk, signup.pk],
            )
        )
    assert response.status_code == 403
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("minutes", "allowed"),
    [(-61, False), (-59, True), (0, True), (179, True), (180, False)],
)
def test_check_in_opens_an_hour_before_and_closes_at_the_end(shift, minutes, allowed):
    signup = place(shift)
    with at(shift, minutes):
        if allowed:
            services.check_in(actor=coordinator_of(shift), signup=signup, via="roster")
        else:
            with pytest.raises(ValidationError):
                services.check_in(
                    actor=coordinator_of(shift), signup=signup, via="roster"
                )
    assert Attendance.objects.filter(signup=signup).exists() is allowed


def test_only_a_confirmed_place_checks_in_and_only_once(shift):
    waiting = place(shift)
    SignUp.objects.filter(pk=waiting.pk).update(status="waiting")
    confirmed = place(shift)
    with at(shift, 0):
        with pytest.raises(ValidationError, match="place on this shift"):
            services.check_in(actor=coordinator_of(shift), signup=waiting, via="roster")
        services.check_in(actor=coordinator_of(shift), signup=confirmed, via="roster")
        with pytest.raises(ValidationError, match="Already checked in"):
            services.check_in(
                actor=coordinator_of(shift), signup=confirmed, via="roster"
            )


def test_the_volunteer_checks_in_with_the_qr_code(client, shift):
    signup = place(shift)
    coordinator = client
    coordinator.force_login(coordinator_of(shift))
    slug = shift.activity.community.slug
    with at(shift, -10):
        page = coordinator.get(
            reverse("volunteers:check-in-code", args=[slug, shift.pk])
        )
        assert page.status_code == 200
        assert 'src="data:image/svg+xml;base64,' in page.text
        assert page["Cache-Control"] == "no-store"
        url = page.context["url"]
        path = url.split("testserver", 1)[1]
        coordinator.force_login(signup.volunteer)
        assert "check me in" in coordinator.get(path).text
        response = coordinator.post(path)
    assert response.status_code == 302
    assert response.url == reverse("volunteers:my-attendance", args=[slug, shift.pk])
    attendance = Attendance.objects.get(signup=signup)
    assert attendance.checked_in_via == "qr"
    assert attendance.checked_in_by == signup.volunteer


def test_an_expired_qr_code_is_refused(shift):
    signup = place(shift)
    with at(shift, -30):
        token = services.check_in_token(shift)
    # Four minutes later: past the three-minute life.
    with at(shift, -30 + 4), pytest.raises(ValidationError, match="expired"):
        services.check_in_with_token(volunteer=signup.volunteer, token=token)
    assert not Attendance.objects.exists()


def test_an_altered_qr_code_is_refused(client, shift):
    signup = place(shift)
    other = team_shift()
    with at(shift, 0):
        token = services.check_in_token(shift)
        value, rest = token.split(":", 1)
        forged = f"{other.pk}:{rest}"
        with pytest.raises(ValidationError):
            services.check_in_with_token(volunteer=signup.volunteer, token=forged)
        client.force_login(signup.volunteer)
        response = client.get(reverse("volunteers:qr-check-in", args=[forged]))
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_the_qr_code_checks_in_only_someone_with_a_place(shift):
    stranger = UserFactory()
    with at(shift, 0):
        token = services.check_in_token(shift)
        with pytest.raises(ValidationError, match="do not have a place"):
            services.check_in_with_token(volunteer=stranger, token=token)


def test_check_out_records_actual_time_inside_the_shift(shift):
    signup = place(shift)
    with at(shift, -40):  # early arrival is not service time
        services.check_in(actor=coordinator_of(shift), signup=signup, via="roster")
    with at(shift, 95):
        record = record_services.check_out(actor=signup.volunteer, signup=signup)
    assert record.measured_hours == record.hours == Decimal("1.58")
    assert record.status == "pending"
    assert record.version == 1
    assert record.team == shift.activity.team
    assert record.started_at == shift.starts_at


def test_leaving_after_the_shift_counts_until_its_end(shift):
    signup = place(shift)
    with at(shift, 30):
        services.check_in(actor=coordinator_of(shift), signup=signup, via="roster")
    with at(shift, 300):
        record = record_services.check_out(actor=coordinator_of(shift), signup=signup)
    assert record.hours == Decimal("2.50")


def test_check_out_needs_a_check_in_and_happens_once(shift):
    signup = place(shift)
    with at(shift, 10):
        with pytest.raises(ValidationError, match="Check in before"):
            record_services.check_out(actor=signup.volunteer, signup=signup)
        services.check_in(actor=coordinator_of(shift), signup=signup, via="roster")
        record_services.check_out(actor=signup.volunteer, signup=signup)
        with pytest.raises(ValidationError, match="Already checked out"):
            record_services.check_out(actor=signup.volunteer, signup=signup)
    assert ServiceRecord.objects.count() == 1


def test_someone_else_cannot_check_a_volunteer_out(shift):
    signup = place(shift)
    with at(shift, 10):
        services.check_in(actor=coordinator_of(shift), signup=signup, via="roster")
        with pytest.raises(ValidationError):
            record_services.check_out(actor=UserFactory(), signup=signup)
    assert not ServiceRecord.objects.exists()


def test_the_volunteer_checks_out_on_their_shift_page(client, shift):
    signup = place(shift)
    slug = shift.activity.community.slug
    client.force_login(signup.volunteer)
    with at(shift, 0):
        services.check_in(actor=signup.volunteer, signup=signup, via="qr")
    with at(shift, 60):
        response = client.post(
            reverse("volunteers:my-attendance", args=[slug, shift.pk])
        )
        assert response.status_code == 302
        page = client.get(reverse("volunteers:my-attendance", args=[slug, shift.pk]))
    assert "Hours: 1.00" in page.text
    assert ServiceRecord.objects.get().hours == Decimal("1.00")


def test_the_roster_page_query_count_does_not_grow(
    client, shift, django_assert_max_num_queries
):
    for _ in range(8):
        place(shift)
    client.force_login(coordinator_of(shift))
    url = reverse(
        "volunteers:shift-roster", args=[shift.activity.community.slug, shift.pk]
    )
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
