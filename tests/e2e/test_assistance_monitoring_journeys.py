"""Periodic review journey (issue 13 §4, §7): the coordinator finds a recipient's
review on the work list and records that the household's income rose; the
street officer decides the lower amount from next month; the household is
notified of the new amount and the reasons, on a phone."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import ACTION_TIMEOUT_MS, label, sign_in
from tests.e2e.test_assistance_journeys import (
    PHONE,
    _context,
    _fits_the_screen,
    _resident,
    _staff,
    _standard,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _recipient(community, resident, coordinator, officer):
    """A confirmed 低保 case of the resident and a spouse, wages 400 a month,
    paying 1,600 yuan, its review due in a week."""
    from assistance.monitoring.models import ReviewSchedule
    from communities.models import Membership
    from tests.support.assistance import make_case

    household = Membership.objects.get(user=resident).household
    case = make_case(
        community=community,
        state="confirmed",
        household=household,
        applicant=resident,
        staff={"coordinator": coordinator, "officer": officer},
        members=[(resident.real_name, "self"), ("李红", "spouse")],
        incomes=[("wages", "400")],
    )
    case.monthly_amount = Decimal("1600.00")
    case.save(update_fields=["monthly_amount"])
    ReviewSchedule.objects.filter(case=case).update(
        due_on=timezone.localdate() + datetime.timedelta(days=7)
    )
    return case


def test_a_review_lowers_the_amount_and_the_household_is_notified(
    live_site, browser, community
):
    from communities.models import Role

    _standard(community)
    resident = _resident(community)
    coordinator, coordinator_secret = _staff(
        Role.AID_COORDINATOR,
        email="li.xieli@example.org",
        name="李协理",
        community=community,
    )
    officer, officer_secret = _staff(
        Role.AID_OFFICER,
        email="wang.jiuzhu@example.org",
        name="王救助",
        region=community.street,
    )
    case = _recipient(community, resident, coordinator, officer)
    tracking = case.tracking_number

    # The coordinator, on a phone, finds the review on the work list.
    desk = _context(browser, PHONE).new_page()
    sign_in(desk, live_site, coordinator.email, totp_secret=coordinator_secret)
    desk.goto(f"{live_site}/{community.slug}/assistance/work/")
    reviews = desk.locator("#work-reviews")
    expect(reviews).to_contain_text("Periodic reviews due")
    _fits_the_screen(desk)
    reviews.get_by_role("link", name=tracking).click()
    desk.get_by_role("link", name="Record a periodic review").click()
    income = case.incomes.get()
    desk.get_by_label(label("What the visit found")).fill("配偶找到工作，月工资增加。")
    desk.locator(f"#id_income_{income.pk}").fill("1200")
    desk.get_by_label(label("Large necessary expenses now (yuan)")).fill("0")
    _fits_the_screen(desk)
    desk.get_by_role("button", name="Record the review").click()
    expect(
        desk.get_by_text("The review is recorded; the street decides.")
    ).to_be_visible()

    # The street officer decides the lower amount from next month.
    street = _context(browser).new_page()
    sign_in(street, live_site, officer.email, totp_secret=officer_secret)
    street.goto(f"{live_site}/{community.slug}/assistance/reviews/")
    street.get_by_role("link", name=tracking).last.click()
    expect(street.locator("dl.facts")).to_contain_text("1600.00 → 800.00")
    street.get_by_label("Pay the recalculated amount").check()
    street.get_by_label(label("Reasons (told to the household)")).fill(
        "配偶就业，家庭月收入增加到 1200 元，按标准核减。"
    )
    street.get_by_role("button", name="Record the decision").click()
    expect(street.get_by_text("Decided; the household is told.")).to_be_visible()
    expect(street.locator("dl.facts")).to_contain_text("amount decreased")

    # The household reads the outcome on a phone.
    phone_context = _context(browser, PHONE)
    phone_context.set_default_timeout(ACTION_TIMEOUT_MS)
    phone = phone_context.new_page()
    sign_in(phone, live_site, resident.email)
    phone.goto(f"{live_site}/notifications/")
    body = phone.locator("main")
    expect(body).to_contain_text("Your assistance was reviewed: amount decreased")
    expect(body).to_contain_text("800.00")
    _fits_the_screen(phone)
