"""Reports of households in difficulty (issue 13 §3): a volunteer on a home-visit
shift reports a household from the activity page on a phone and is told only
that it was received; the coordinator finds it on the list, visits within the
limit and records the outcome; the volunteer is told it was handled."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import ACTION_TIMEOUT_MS, label, make_person, sign_in
from tests.e2e.desk_tools import open_desk_tool

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
SEEN = "独居的王大爷三天没下楼，家里好像没有吃的。"


def _context(browser, viewport=None):
    context = browser.new_context(
        locale="zh-CN", viewport=viewport or {"width": 1280, "height": 900}
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS * 2)
    return context


def _fits_the_screen(page):
    assert page.evaluate(OVERFLOW) <= 0, f"{page.url} is wider than the screen"


def _volunteer_on_a_visit(community):
    from communities.models import Membership
    from tests.factories import HouseholdFactory, MembershipFactory
    from tests.volunteers.factories import (
        ActivityFactory,
        ShiftFactory,
        VolunteerProfileFactory,
    )
    from volunteers.shifts.models import SignUp

    person = make_person(email="zhao.zhiyuan@example.org", display_name="赵志愿")
    MembershipFactory(
        user=person,
        household=HouseholdFactory(community=community),
        status=Membership.Status.VERIFIED,
    )
    VolunteerProfileFactory(user=person)
    activity = ActivityFactory(
        community=community, title="周六探访独居老人", home_visits=True
    )
    start = timezone.now() - datetime.timedelta(hours=1)
    shift = ShiftFactory(
        activity=activity, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    SignUp.objects.create(shift=shift, volunteer=person, status="confirmed")
    return person, activity


def _coordinator(community):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from communities.models import Role
    from tests.factories import RoleGrantFactory

    person = make_person(email="li.xieli@example.org", display_name="李协理")
    RoleGrantFactory(user=person, role=Role.AID_COORDINATOR, community=community)
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    return person, secret


def test_a_volunteer_reports_a_household_and_the_coordinator_visits_in_time(
    live_site, browser, community
):
    from assistance.discovery.models import Report
    from notifications.models import Notification

    volunteer, activity = _volunteer_on_a_visit(community)
    coordinator, secret = _coordinator(community)

    # The volunteer, on a phone, reports from the shift of the visit.
    phone = _context(browser, PHONE).new_page()
    sign_in(phone, live_site, volunteer.email)
    phone.goto(f"{live_site}/{community.slug}/volunteering/activities/{activity.pk}/")
    phone.get_by_role("link", name="Report a household that may need help").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Report a household in difficulty"
    )
    expect(phone.get_by_text("Reported from your visit")).to_be_visible()
    _fits_the_screen(phone)
    phone.get_by_label(
        label("Where (building, unit, or how to find the household)")
    ).fill("5号楼2单元302室")
    phone.get_by_label(label("What you saw")).fill(SEEN)
    phone.get_by_role("radio", name=re.compile(r"^\s*urgent")).check()
    phone.get_by_role("button", name="Send the report").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Report received")
    received = phone.get_by_role("status")
    expect(received).to_contain_text(re.compile(r"BG-\d{4}-[A-Z0-9]{6}"))
    reference = re.search(r"BG-\d{4}-[A-Z0-9]{6}", received.inner_text()).group(0)
    expect(phone.locator("main")).not_to_contain_text(SEEN)
    _fits_the_screen(phone)

    # The coordinator finds it on the community's list of reports and visits.
    desk = _context(browser).new_page()
    sign_in(desk, live_site, coordinator.email, totp_secret=secret)
    desk.goto(f"{live_site}/{community.slug}/")
    open_desk_tool(desk, community.name, "Reports of households in difficulty")
    desk.get_by_role("link", name=reference).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"Report {reference}")
    expect(desk.locator("main")).to_contain_text(SEEN)
    expect(desk.locator("main")).to_contain_text("volunteer")
    desk.get_by_role("radio", name="referred to a service").check()
    desk.get_by_label(
        label("Note (what was found; required for no need and for a service)")
    ).fill("老人腿伤行动不便，已转介居家养老服务。")
    desk.get_by_role("button", name="Record the visit").click()
    expect(desk.get_by_text("The visit and its outcome are recorded.")).to_be_visible()
    expect(desk.locator("main")).to_contain_text("in time")

    report = Report.objects.get(reference=reference)
    assert report.answered_in_time and report.capacity == "volunteer"
    told = Notification.objects.get(recipient=volunteer)
    assert reference in told.title and "居家养老" not in told.title + told.body
