"""Aid in stages (issue 13 §2, §7): the street officer schedules a confirmed
临时救助 in two instalments from the case page; the coordinator, on a phone,
finds the first one on the work list, checks its condition and releases it; the
household sees it released on its own page and is told the amount."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import ACTION_TIMEOUT_MS, label, make_person, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 700}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _context(browser, viewport=None):
    context = browser.new_context(
        locale="zh-CN", viewport=viewport or {"width": 1280, "height": 900}
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS * 2)
    return context


def _staff(role, *, email, name, community=None, region=None):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import RoleGrantFactory

    person = make_person(email=email, display_name=name)
    RoleGrantFactory(user=person, role=role, community=community, region=region)
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    return person, secret


def _world(community):
    """A confirmed 临时救助 of 3,000 yuan for a verified resident's household."""
    from assistance.cases.models import Kind
    from communities.models import Membership, Role
    from tests.factories import HouseholdFactory, MembershipFactory
    from tests.support.assistance import make_case

    resident = make_person(email="liu.ma@example.org", display_name="刘妈妈")
    household = HouseholdFactory(community=community)
    MembershipFactory(
        user=resident,
        household=household,
        status=Membership.Status.VERIFIED,
        is_representative=True,
    )
    coordinator = _staff(
        Role.AID_COORDINATOR,
        email="xie.li@example.org",
        name="谢协理",
        community=community,
    )
    officer = _staff(
        Role.AID_OFFICER,
        email="jing.ban@example.org",
        name="井经办",
        region=community.street,
    )
    case = make_case(
        community=community,
        state="confirmed",
        household=household,
        applicant=resident,
        staff={"coordinator": coordinator[0], "officer": officer[0]},
        kind=Kind.TEMPORARY,
        monthly_amount=Decimal("3000.00"),
    )
    return resident, coordinator, officer, case


def _panel(page, heading):
    return page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name=heading)
    )


def test_a_staged_decision_releases_its_first_instalment(live_site, browser, community):
    from notifications.models import Notification

    resident, (coordinator, coordinator_secret), (officer, officer_secret), case = (
        _world(community)
    )
    today = timezone.localdate()
    later = today + datetime.timedelta(days=30)

    # The street officer sets the schedule: 1,500 now, 1,500 in a month, each on
    # condition the person is still in hospital. A wrong total is refused first.
    street = _context(browser).new_page()
    sign_in(street, live_site, officer.email, totp_secret=officer_secret)
    street.goto(f"{live_site}/assistance/cases/{case.tracking_number}/")
    panel = _panel(street, "Aid in stages (instalments)")
    for number, (day, amount) in enumerate(((today, "1500"), (later, "1000")), 1):
        row = panel.get_by_role("group", name=f"Row {number}")
        row.get_by_label(label("Due on")).fill(day.isoformat())
        row.get_by_label(label("Amount (yuan)")).fill(amount)
        row.get_by_label(label("Condition to check before release")).fill("仍在住院")
    panel.get_by_role("button", name="Save the schedule").click()
    panel = _panel(street, "Aid in stages (instalments)")
    expect(panel).to_contain_text("add up to 2,500.00 yuan")
    panel.get_by_role("group", name="Row 2").get_by_label(label("Amount (yuan)")).fill(
        "1500"
    )
    panel.get_by_role("button", name="Save the schedule").click()
    expect(street.get_by_text("The schedule of instalments is saved.")).to_be_visible()
    expect(_panel(street, "Aid in stages (instalments)")).to_contain_text(
        "Instalment 2"
    )

    # The coordinator, on a phone, finds it on the work list and releases it.
    phone = _context(browser, PHONE).new_page()
    sign_in(phone, live_site, coordinator.email, totp_secret=coordinator_secret)
    phone.goto(f"{live_site}/{community.slug}/assistance/work/")
    work = phone.locator("#work-instalments")
    expect(work).to_contain_text("instalment 1")
    work.get_by_role("link", name=case.tracking_number).click()
    panel = _panel(phone, "Aid in stages (instalments)")
    expect(panel.get_by_role("button", name="Release instalment 2")).to_have_count(0)
    panel.get_by_role("button", name="Release instalment 1").click()
    expect(
        phone.get_by_text("Tick to confirm the condition was checked.")
    ).to_be_visible()
    panel = _panel(phone, "Aid in stages (instalments)")
    panel.get_by_label(label("I checked the condition")).first.check()
    panel.get_by_label(label("What was checked")).first.fill(
        "电话联系主治医生，仍在住院。"
    )
    panel.get_by_role("button", name="Release instalment 1").click()
    expect(phone.get_by_text("Instalment released.")).to_be_visible()
    assert phone.evaluate(OVERFLOW) <= 0, "the case page is wider than the phone"

    # The household sees it released on its own page, and was told the amount.
    home = _context(browser, PHONE).new_page()
    sign_in(home, live_site, resident.email)
    home.goto(f"{live_site}/my/assistance/{case.tracking_number}/")
    payments = _panel(home, "Payments in instalments")
    expect(payments).to_contain_text("released")
    expect(payments).to_contain_text("scheduled")
    assert home.evaluate(OVERFLOW) <= 0, "the household's page is wider than the phone"
    told = Notification.objects.get(recipient=resident, kind="assistance.instalment")
    assert "1,500.00" in told.body
