"""Emergency aid journey (issue 13 §7): the coordinator, on a phone, grants
先行救助 for a household hit by a fire — the formal case is opened at once —
then completes the paperwork (the application) with the household and submits
it, and the aid shows its paperwork completed on time."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import ACTION_TIMEOUT_MS, label, make_person, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SMALL_PHONE = {"width": 320, "height": 640}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
HELPED = "张三明"


def _context(browser, viewport):
    context = browser.new_context(locale="zh-CN", viewport=viewport)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS * 2)
    return context


def _world(community):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from assistance.standards.models import Area, Standard
    from communities.models import Membership, Role
    from tests.factories import HouseholdFactory, MembershipFactory, RoleGrantFactory

    Standard.objects.create(
        district=community.street.parent, area=Area.URBAN,
        monthly_amount=Decimal("1000.00"), effective_from=datetime.date(2026, 1, 1),
    )  # fmt: skip
    resident = make_person(
        email="zhang.sanming@example.org", display_name="老张", real_name=HELPED
    )
    household = HouseholdFactory(community=community)
    MembershipFactory(
        user=resident, household=household,
        status=Membership.Status.VERIFIED, is_representative=True,
    )  # fmt: skip
    coordinator = make_person(email="li.xieli@example.org", display_name="李协理")
    RoleGrantFactory(user=coordinator, role=Role.AID_COORDINATOR, community=community)
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    return household, coordinator, secret


def _pdf(tmp_path, name):
    from communities.demo import BLANK_PDF

    path = tmp_path / name
    path.write_bytes(BLANK_PDF)
    return str(path)


def _fits(page):
    assert page.evaluate(OVERFLOW) <= 0, f"{page.url} is wider than the screen"


def test_the_coordinator_grants_advance_aid_and_completes_the_paperwork(
    live_site, browser, community, tmp_path
):
    from assistance.emergency.models import AdvanceAid

    household, coordinator, secret = _world(community)
    reported = timezone.localtime() - datetime.timedelta(hours=3)
    phone = _context(browser, SMALL_PHONE).new_page()
    sign_in(phone, live_site, coordinator.email, totp_secret=secret)

    # From the community's emergency aid list to the grant form, as the report
    # page's redirect would open it (report, time of the report, household).
    phone.goto(f"{live_site}/{community.slug}/assistance/emergency/")
    _fits(phone)
    grant_url = phone.get_by_role("link", name="Grant 先行救助").get_attribute("href")
    phone.goto(
        f"{live_site}{grant_url}?report=17&household={household.pk}"
        f"&reported_at={reported:%Y-%m-%dT%H:%M}"
    )
    expect(phone.get_by_role("heading", level=1)).to_have_text("Grant 先行救助")
    _fits(phone)
    phone.get_by_label(label("Who was helped")).fill(HELPED)
    phone.get_by_label(label("Household size")).fill("2")
    phone.get_by_label(label("Cause")).select_option(label="fire")
    # Over the coordinator's limit (2 × 1 month × 1000): refused, nothing saved.
    phone.get_by_label(label("Amount given (yuan)")).fill("2500")
    phone.get_by_label(label("What happened")).fill("凌晨家中失火，衣物被褥烧毁。")
    phone.get_by_role("button", name="Record the 先行救助").click()
    expect(phone.get_by_text(re.compile("above your limit of 2000.00"))).to_be_visible()
    assert not AdvanceAid.objects.exists()
    phone.get_by_label(label("Amount given (yuan)")).fill("1500")
    phone.get_by_role("button", name="Record the 先行救助").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"先行救助 for {HELPED}")
    expect(phone.locator("body")).to_contain_text("#17")
    _fits(phone)

    # The paperwork: the application opened for the household, completed with it.
    phone.get_by_role("link", name="Complete the paperwork (the application)").click()
    expect(
        phone.get_by_role("group", name="Member 1").get_by_label("Name")
    ).to_have_value(HELPED)
    phone.get_by_label(label("Phone number")).fill("13912345678")
    phone.get_by_label(label("ID card")).set_input_files(_pdf(tmp_path, "id.pdf"))
    phone.get_by_label(
        label("Household register (户口簿) or residence permit")
    ).set_input_files(_pdf(tmp_path, "hukou.pdf"))
    phone.get_by_label(
        label("Signed authorisation for the financial check (核对授权书)")
    ).set_input_files(_pdf(tmp_path, "authorisation.pdf"))
    phone.get_by_label(label("I have read the commitment and sign it")).check()
    phone.get_by_label(label("Your name as signature")).fill(HELPED)
    phone.get_by_role("button", name="Submit", exact=True).click()
    expect(
        phone.get_by_text(re.compile(r"Your application is submitted"))
    ).to_be_visible()

    aid = AdvanceAid.objects.select_related("case").get()
    assert aid.source_report == 17 and aid.paperwork_status == "on_time"
    assert round(aid.response_hours) == 3
    phone.goto(f"{live_site}/{community.slug}/assistance/emergency/{aid.pk}/")
    expect(phone.locator("dl")).to_contain_text(
        f"completed {timezone.localdate():%Y-%m-%d}"
    )
    phone.goto(f"{live_site}/{community.slug}/assistance/emergency/")
    expect(phone.locator("table")).to_contain_text("张*明")
    expect(phone.locator("body")).not_to_contain_text(HELPED)
