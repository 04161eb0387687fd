"""Service-referral journey (issue 13 §7): the coordinator refers a confirmed
case from the case page to a social worker; the worker, on a phone, finds it in
"my referrals", sees only what the visit needs (masked name, address, phone,
the coordinator's note), accepts, records a visit and completes it with the
outcome; the coordinator sees the result on the case page."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import ACTION_TIMEOUT_MS, label, make_person, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _context(browser, viewport=None):
    context = browser.new_context(
        locale="zh-CN", viewport=viewport or {"width": 1280, "height": 900}
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS * 2)
    return context


def _with_totp(person):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    return secret


def _staff(role, *, email, name, community=None, region=None):
    from tests.factories import RoleGrantFactory

    person = make_person(email=email, display_name=name)
    RoleGrantFactory(user=person, role=role, community=community, region=region)
    return person, _with_totp(person)


def _world(community):
    """A confirmed case of 张三明, an organisation serving the community and its
    social worker (with TOTP)."""
    from assistance.referrals import services
    from communities.models import Membership, Role
    from tests.factories import HouseholdFactory, MembershipFactory
    from tests.support.assistance import make_case

    coordinator, secret = _staff(
        Role.AID_COORDINATOR, email="li.xieli@example.org", name="李协理",
        community=community)  # fmt: skip
    officer, _ = _staff(
        Role.AID_OFFICER, email="wang.jiuzhu@example.org", name="王救助",
        region=community.street)  # fmt: skip
    household = HouseholdFactory(community=community, building="3", room="502")
    applicant = MembershipFactory(
        household=household, status=Membership.Status.VERIFIED, is_representative=True
    ).user
    case = make_case(
        community=community, state="confirmed", household=household,
        applicant=applicant, applicant_name="张三明", applicant_phone="13912345678",
        staff={"coordinator": coordinator, "officer": officer})  # fmt: skip
    org = services.register_organisation(
        actor=officer, region=community.street, areas=[community],
        name="阳光社会工作服务中心", credit_code="52110000MJ00000016",
        registration="民社证字第1号", contact_name="陈主任",
        contact_phone="010-87654321")  # fmt: skip
    worker = make_person(email="zhou.shegong@example.org", display_name="周社工")
    worker_secret = _with_totp(worker)
    services.add_worker(
        actor=officer, organisation=org, email=worker.email,
        qualification="social_worker", certificate_number="SG2024", is_lead=True)  # fmt: skip
    return case, (coordinator, secret), (worker, worker_secret)


def test_a_social_worker_records_a_visit_on_a_referred_case(
    live_site, browser, community
):
    case, (coordinator, secret), (worker, worker_secret) = _world(community)
    tracking = case.tracking_number

    desk = _context(browser).new_page()
    sign_in(desk, live_site, coordinator.email, totp_secret=secret)
    desk.goto(f"{live_site}/assistance/cases/{tracking}/")
    panel = desk.locator("section").filter(
        has=desk.get_by_role(
            "heading", level=2, name="Services, charity and volunteers"
        )
    )
    panel.get_by_text("Refer for a service").click()
    panel.get_by_label(label("Service")).select_option(
        label="psychological counselling (心理辅导)"
    )
    panel.get_by_label(label("Organisation")).select_option(
        label="阳光社会工作服务中心"
    )
    panel.get_by_label(label("Social worker")).select_option(
        label="周社工 · 阳光社会工作服务中心"
    )
    panel.get_by_label(label("Note for the social worker")).fill(
        "老伴去世后情绪低落，请做心理疏导。"
    )
    panel.get_by_role("button", name="Refer", exact=True).click()
    expect(
        desk.get_by_text("The case is referred; the social worker is told.")
    ).to_be_visible()

    phone = _context(browser, PHONE).new_page()
    sign_in(phone, live_site, worker.email, totp_secret=worker_secret)
    phone.goto(f"{live_site}/assistance/referrals/mine/")
    phone.get_by_role(
        "link", name="psychological counselling (心理辅导) · 张*明"
    ).click()
    expect(phone.get_by_text("13912345678")).to_be_visible()
    expect(phone.get_by_text("老伴去世后情绪低落")).to_be_visible()
    expect(phone.get_by_text("张三明")).to_have_count(0)
    phone.get_by_role("button", name="Accept the referral").click()
    expect(phone.get_by_text("You accepted the referral.")).to_be_visible()

    visit = phone.locator("section").filter(
        has=phone.get_by_role("heading", name="Record a visit")
    )
    visit.get_by_label(label("Date of the visit")).fill(
        timezone.localdate().isoformat()
    )
    visit.get_by_label(label("What was done")).fill("上门面谈，评估情绪状况。")
    visit.get_by_label(label("Duration (minutes)")).fill("60")
    visit.get_by_role("button", name="Record the visit").click()
    expect(phone.get_by_text("The visit is recorded.")).to_be_visible()
    expect(phone.get_by_text("上门面谈，评估情绪状况。")).to_be_visible()
    assert phone.evaluate(OVERFLOW) <= 0, "the referral page is wider than the phone"

    done = phone.locator("section").filter(
        has=phone.get_by_role("heading", name="Complete the referral")
    )
    done.get_by_label(label("Outcome")).select_option(label="achieved")
    done.get_by_label(label("Summary of the outcome")).fill(
        "情绪稳定，已链接互助小组。"
    )
    done.get_by_role("button", name="Complete").click()
    expect(
        phone.get_by_text("The referral is completed; the coordinator is told.")
    ).to_be_visible()

    desk.goto(f"{live_site}/assistance/cases/{tracking}/")
    expect(panel).to_contain_text("completed (achieved)")
    expect(panel).to_contain_text("1 visit")
