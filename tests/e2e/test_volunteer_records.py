"""Check-in and confirmed hours; a certificate opened, downloaded and verified."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import label, make_person, other_browser, sign_in

# Two journeys in one module: put back migrated data after the module rather than a
# serialized rollback per test (which clashes with the content types a flush recreates).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def _volunteer(community, **kwargs):
    from tests.factories import MembershipFactory
    from tests.volunteers.factories import VolunteerProfileFactory

    person = make_person(**kwargs)
    MembershipFactory(user=person, household__community=community)
    VolunteerProfileFactory(user=person)
    return person


def _team_shift(community, coordinator, starts_at):
    from tests.volunteers.factories import ActivityFactory, ShiftFactory
    from volunteers.models import Team

    team = Team.objects.create(community=community, name="银龄关爱服务队")
    team.coordinators.add(coordinator)
    activity = ActivityFactory(community=community, team=team, title="敬老院陪伴")
    return ShiftFactory(
        activity=activity,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
    )


def test_the_coordinator_checks_volunteers_in_and_confirms_their_hours(
    live_site, page, browser, community
):
    from volunteers.models import ServiceRecord, SignUp

    coordinator = make_person(email="coord@example.org", display_name="刘协调")
    shift = _team_shift(
        community, coordinator, timezone.now() - datetime.timedelta(minutes=30)
    )
    scanner = _volunteer(community, email="chen@example.org", display_name="陈志远")
    listed = _volunteer(community, email="zhou@example.org", display_name="周晓彤")
    for person in (scanner, listed):
        SignUp.objects.create(shift=shift, volunteer=person, status="confirmed")

    sign_in(page, live_site, coordinator.email)
    page.goto(f"{live_site}/{community.slug}/volunteering/")
    page.get_by_role("link", name="敬老院陪伴").click()
    page.get_by_role("link", name=re.compile("^Roster of")).click()
    expect(page.get_by_role("heading", name="Roster: 敬老院陪伴")).to_be_visible()

    # The first volunteer scans the QR code on the coordinator's screen.
    page.get_by_role("link", name="Show the check-in QR code").click()
    expect(page.get_by_role("img", name="Check-in QR code")).to_be_visible()
    check_in_url = page.get_by_role("link", name="Check-in link").get_attribute("href")
    phone_context = other_browser(browser)
    phone = phone_context.new_page()
    sign_in(phone, live_site, scanner.email)
    phone.goto(check_in_url)
    phone.get_by_role("button", name="I have arrived: check me in").click()
    expect(phone.get_by_text("You are checked in.")).to_be_visible()

    # The second is checked in from the roster.
    page.get_by_role("link", name="Back to the roster").click()
    page.get_by_role("button", name="Check in 周晓彤").click()
    expect(page.get_by_text("周晓彤 is checked in.")).to_be_visible()

    # The first checks out on their phone; the coordinator checks the second out.
    phone.get_by_role("button", name="Check out").click()
    expect(
        phone.get_by_text("The coordinator will confirm your hours.")
    ).to_be_visible()
    page.get_by_role("button", name="Check out 周晓彤").click()
    expect(page.get_by_text("confirm the hours below")).to_be_visible()

    # Both arrived late in this journey's clock; the coordinator corrects the
    # first one's hours with a reason, then confirms both.
    row = page.get_by_role("row").filter(has_text="陈志远")
    row.get_by_text("Change the hours").click()
    row.get_by_label(label("Hours")).fill("2.5")
    row.get_by_label(label("Reason")).fill(
        "The QR scanner was down for the first two hours"
    )
    row.get_by_role("button", name="Save the hours").click()
    expect(page.get_by_text("The hours are changed.")).to_be_visible()
    page.get_by_role("button", name="Confirm 2.50 hours for 陈志远").click()
    expect(page.get_by_text("2.50 hours confirmed for 陈志远.")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Confirm .* hours for 周晓彤")).click()
    expect(page.get_by_text(re.compile("hours confirmed for 周晓彤"))).to_be_visible()
    expect(page.get_by_role("link", name="Correct")).to_have_count(2)

    confirmed = ServiceRecord.objects.current()
    assert confirmed.count() == 2
    assert str(confirmed.get(volunteer=scanner).hours) == "2.50"

    # The volunteer sees the confirmed hours.
    phone.get_by_role("link", name="My service hours").click()
    expect(phone.get_by_text("all time: 2.50 hours")).to_be_visible()
    phone_context.close()


def test_the_volunteer_gets_a_certificate_that_anyone_can_verify(
    live_site, page, browser, community
):
    from tests.volunteers.records.helpers import served, team_shift
    from volunteers.models import Certificate
    from volunteers.profiles import crypto

    volunteer = _volunteer(
        community, email="chen@example.org", display_name="陈志远", real_name="陈志远"
    )
    crypto_id = crypto.encrypt("110101199001011234")
    volunteer.volunteer_profile.id_number_encrypted = crypto_id
    volunteer.volunteer_profile.save()
    shift = team_shift(
        community=community, starts_at=timezone.now() - datetime.timedelta(days=6)
    )
    served(shift, volunteer, hours="3.00")

    sign_in(page, live_site, volunteer.email)
    page.goto(f"{live_site}/{community.slug}/volunteering/")
    page.get_by_role("link", name="My service hours").click()
    today = timezone.localdate()
    page.get_by_label(label("From")).fill(
        (today - datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_label(label("Until")).fill(today.isoformat())
    page.get_by_role("button", name="Request a certificate").click()
    expect(page.get_by_text("Certificates issued: 1.")).to_be_visible()
    serial = Certificate.objects.get().serial

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download").click()
    assert download_info.value.suggested_filename == f"certificate-{serial}.html"

    page.get_by_role("link", name=f"Open certificate {serial}").click()
    certificate = page.get_by_role("article")
    expect(certificate.get_by_text("陈*远")).to_be_visible()
    expect(certificate.get_by_text("1101**********1234")).to_be_visible()
    expect(certificate.get_by_text("3.00")).to_be_visible()
    expect(certificate.get_by_role("img", name=re.compile("verify"))).to_be_visible()
    expect(page.get_by_text("陈志远")).to_have_count(0)

    visitor_context = other_browser(browser)
    visitor = visitor_context.new_page()
    in_english_url = (
        f"{live_site}/accounts/language/en/?next=/volunteering/certificates/verify/"
    )
    visitor.goto(in_english_url)
    visitor.get_by_label(label("Serial number")).fill(serial)
    visitor.get_by_role("button", name="Verify").click()
    expect(visitor.get_by_text("This certificate is genuine.")).to_be_visible()
    expect(visitor.get_by_role("article").get_by_text("陈*远")).to_be_visible()

    altered = serial[:-1] + ("A" if serial[-1] != "A" else "B")
    visitor.get_by_label(label("Serial number")).fill(altered)
    visitor.get_by_role("button", name="Verify").click()
    expect(visitor.get_by_role("alert")).to_have_text("Not found.")
    expect(visitor.get_by_text("陈*远")).to_have_count(0)
    visitor_context.close()
