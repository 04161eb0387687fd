"""Social-assistance journeys (issue 12 §9): a resident applies for 低保 on a phone
and gets a tracking number; the coordinator asks for a missing document once and
the resident sends it; two staff sign the home visit; the street checks, reviews
and starts the 公示, which an anonymous visitor sees masked; after the period the
street confirms and the resident sees the amount. And a refusal with written
reasons, appealed once and decided by the district supervisor."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import (
    ACTION_TIMEOUT_MS,
    label,
    make_person,
    open_menu,
    sign_in,
)
from tests.e2e.desk_tools import open_desk_tool

# Without a serialized rollback, as the other journeys (see test_charity_journeys).
pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
APPLICANT = "张三明"


def _context(browser, viewport=None):
    context = browser.new_context(
        locale="zh-CN", viewport=viewport or {"width": 1280, "height": 900}
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS * 2)
    return context


def _standard(community):
    from assistance.standards.models import Area, Standard

    return Standard.objects.create(
        district=community.street.parent,
        area=Area.URBAN,
        monthly_amount=Decimal("1000.00"),
        effective_from=datetime.date(2026, 1, 1),
    )


def _resident(community):
    from communities.models import Membership
    from tests.factories import HouseholdFactory, MembershipFactory

    person = make_person(
        email="zhang.sanming@example.org", display_name="老张", real_name=APPLICANT
    )
    MembershipFactory(
        user=person,
        household=HouseholdFactory(community=community),
        status=Membership.Status.VERIFIED,
        is_representative=True,
    )
    return person


def _staff(role, *, email, name, community=None, region=None):
    """An assistance role holder with TOTP; returns (person, secret)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import RoleGrantFactory

    person = make_person(email=email, display_name=name)
    RoleGrantFactory(user=person, role=role, community=community, region=region)
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    return person, secret


def _fits_the_screen(page):
    assert page.evaluate(OVERFLOW) <= 0, f"{page.url} is wider than the screen"


def _pdf(tmp_path, name):
    from communities.demo import BLANK_PDF

    path = tmp_path / name
    path.write_bytes(BLANK_PDF)
    return str(path)


def _case_page(page, base_url, tracking):
    page.goto(f"{base_url}/assistance/cases/{tracking}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {tracking}")


def _panel(page, heading):
    """The case page's section under `heading`."""
    return page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name=heading)
    )


def test_a_resident_applies_on_a_phone_and_is_granted_after_the_public_notice(
    live_site, browser, community, tmp_path
):
    from assistance.publicity.models import Publicity
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
    today = timezone.localdate()

    # The resident, on a phone, goes from the community home page to the form.
    phone = _context(browser, PHONE).new_page()
    sign_in(phone, live_site, resident.email)
    assert phone.viewport_size == PHONE
    phone.goto(f"{live_site}/{community.slug}/")
    open_menu(phone)
    phone.get_by_role("link", name="Social assistance").first.click()
    phone.get_by_role("link", name="Apply for social assistance").click()
    phone.get_by_label(label("Type of assistance")).select_option(
        label="minimum living allowance (低保)"
    )
    phone.get_by_role("button", name="Start the application").click()

    # The household's verified members are filled in; she adds the income, the
    # documents, the reason, her phone and signs the commitment.
    expect(
        phone.get_by_role("group", name="Member 1").get_by_label("Name")
    ).to_have_value(APPLICANT)
    _fits_the_screen(phone)
    phone.get_by_label(label("Phone number")).fill("13912345678")
    income = phone.get_by_role("group", name="Income 1")
    income.get_by_label(label("Whose income")).select_option(label=f"1. {APPLICANT}")
    income.get_by_label(label("Kind of income")).select_option(label="wages")
    income.get_by_label(label("Yuan per month")).fill("300")
    phone.get_by_label(label("Why you apply")).fill("下岗后只有零工收入，身体不好。")
    phone.get_by_label(label("ID card")).set_input_files(_pdf(tmp_path, "id.pdf"))
    phone.get_by_label(
        label("Household register (户口簿) or residence permit")
    ).set_input_files(_pdf(tmp_path, "hukou.pdf"))
    phone.get_by_label(
        label("Signed authorisation for the financial check (核对授权书)")
    ).set_input_files(_pdf(tmp_path, "authorisation.pdf"))
    phone.get_by_label(label("I have read the commitment and sign it")).check()
    phone.get_by_label(label("Your name as signature")).fill(APPLICANT)
    phone.get_by_role("button", name="Submit", exact=True).click()
    submitted = phone.get_by_text(
        re.compile(r"Your application is submitted\. Its tracking number is JZ-")
    )
    expect(submitted).to_be_visible()
    tracking = re.search(r"JZ-\d{4}-[A-Z0-9]{6}", submitted.inner_text()).group(0)
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        f"Application {tracking}"
    )

    # The coordinator opens it from the community's case list and asks, once, for
    # a missing document.
    desk = _context(browser).new_page()
    sign_in(desk, live_site, coordinator.email, totp_secret=coordinator_secret)
    desk.goto(f"{live_site}/{community.slug}/")
    open_desk_tool(desk, community.name, "Assistance cases")
    desk.get_by_role("link", name=tracking).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"Case {tracking}")
    missing = _panel(desk, "Ask for missing items")
    missing.get_by_label(label("Other items, one per line")).fill("医院诊断证明")
    missing.get_by_label(label("Note to the applicant")).fill(
        "请上传近半年的诊断证明。"
    )
    missing.get_by_role("button", name="Send the list to the applicant").click()
    expect(desk.get_by_role("heading", name="Missing items asked for")).to_be_visible()
    expect(
        desk.get_by_role("button", name="Send the list to the applicant")
    ).to_have_count(0)

    # The resident sees the list under "my applications", uploads it, sends again.
    phone.goto(f"{live_site}/my/assistance/")
    phone.get_by_role("link", name=tracking).click()
    expect(_panel(phone, "What is missing")).to_contain_text("医院诊断证明")
    _fits_the_screen(phone)
    phone.get_by_role("link", name="Fix the application and send it again").click()
    expect(_panel(phone, "What is missing")).to_contain_text("医院诊断证明")
    phone.get_by_label(
        label("Other proof (only what data-sharing cannot provide)")
    ).set_input_files(_pdf(tmp_path, "diagnosis.pdf"))
    phone.get_by_role("button", name="Send again").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        f"Application {tracking}"
    )
    expect(phone.get_by_role("heading", name="What is missing")).to_have_count(0)

    # The street officer accepts it.
    street = _context(browser).new_page()
    sign_in(street, live_site, officer.email, totp_secret=officer_secret)
    _case_page(street, live_site, tracking)
    street.get_by_role("button", name="Accept", exact=True).click()
    expect(street.get_by_text(re.compile("Decision due"))).to_be_visible()
    expect(street.get_by_role("button", name="Accept", exact=True)).to_have_count(0)

    # Two staff record the home visit: the coordinator records it with the officer
    # as second visitor; the officer signs it from their own session.
    _case_page(desk, live_site, tracking)
    visit = _panel(desk, "Home visits (入户调查)")
    visit.get_by_label(label("Second visitor")).select_option(label=officer.public_name)
    visit.get_by_label(label("Visited on")).fill(today.isoformat())
    visit.get_by_label(label("Findings")).fill("家中陈设简陋，申请人独居，无车辆。")
    visit.get_by_role("button", name="Record and sign").click()
    expect(_panel(desk, "Home visits (入户调查)")).to_contain_text("not signed yet")

    _case_page(street, live_site, tracking)
    street.get_by_role("button", name="Sign this record as the second visitor").click()
    expect(_panel(street, "Home visits (入户调查)")).not_to_contain_text(
        "not signed yet"
    )

    # The officer records the financial check and the street review.
    check = _panel(street, "Household financial check (家庭经济状况核对)")
    check.get_by_label(label("Report number of the check")).fill("HD-2026-0042")
    check.get_by_label(label("Result")).select_option(label="within the limits")
    check.get_by_label(label("Checked on")).fill(today.isoformat())
    check.get_by_role("button", name="Record the check").click()
    expect(
        _panel(street, "Household financial check (家庭经济状况核对)")
    ).to_contain_text("HD-2026-0042")

    review = _panel(street, "Street review opinion")
    review.get_by_label("For approval").check()
    review.get_by_label(label("Written opinion")).fill("收入低于当地低保标准，同意。")
    review.get_by_role("button", name="Record the opinion").click()
    expect(_panel(street, "Street review opinion")).to_contain_text("For approval")

    # ... and starts the public notice.
    notice = _panel(street, "Public notice (公示)")
    notice.get_by_role("button", name="Start the public notice").click()
    expect(_panel(street, "Public notice (公示)")).to_contain_text("700.00")

    # An anonymous visitor sees the notice, masked.
    visitor_context = _context(browser, PHONE)
    visitor = visitor_context.new_page()
    visitor.goto(f"{live_site}/{community.slug}/assistance/publicity/")
    notices = visitor.locator(".assistance-notices")
    expect(notices).to_contain_text("张*明")
    expect(notices).to_contain_text("700.00")
    _fits_the_screen(visitor)
    body = visitor.locator("body")
    expect(body).not_to_contain_text(APPLICANT)
    expect(body).not_to_contain_text("13912345678")
    expect(body).not_to_contain_text("5678")
    visitor_context.close()

    # The period runs out; the officer confirms.
    Publicity.objects.filter(case__tracking_number=tracking).update(
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today - datetime.timedelta(days=1),
    )
    _case_page(street, live_site, tracking)
    decision = _panel(street, "Decision")
    month = decision.get_by_label(label("First month"))
    if not month.input_value():
        month.fill(f"{today:%Y-%m}")
    decision.get_by_role("button", name="Confirm the case").click()
    expect(street.get_by_role("status")).to_contain_text("The case is confirmed")
    expect(street.get_by_text(re.compile("working days? left"))).to_have_count(0)

    # The resident sees the decision and the amount.
    phone.goto(f"{live_site}/my/assistance/{tracking}/")
    decided = _panel(phone, "Decision")
    expect(decided).to_contain_text("Granted: 700.00 yuan.")
    _fits_the_screen(phone)
    expect(phone.locator(".status")).to_have_text(re.compile("confirmed", re.I))


def test_a_refusal_with_reasons_is_appealed_once_and_decided_by_the_district(
    live_site, browser, community
):
    from assistance.investigation.models import ReviewOpinion
    from communities.models import Role
    from tests.support.assistance import make_case

    _standard(community)
    resident = _resident(community)
    coordinator, _secret = _staff(
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
    supervisor, supervisor_secret = _staff(
        Role.AID_SUPERVISOR,
        email="zhao.dujian@example.org",
        name="赵督检",
        region=community.street.parent,
    )
    case = make_case(
        community=community,
        state="reviewed",
        household=resident.memberships.get().household,
        applicant=resident,
        staff={"coordinator": coordinator, "officer": officer},
        incomes=[("wages", "2600")],
    )
    ReviewOpinion.objects.create(
        case=case,
        officer=officer,
        recommends_approval=False,
        opinion="家庭人均收入高于当地低保标准。",
    )
    tracking = case.tracking_number

    # The officer refuses with a category and written reasons.
    street = _context(browser).new_page()
    sign_in(street, live_site, officer.email, totp_secret=officer_secret)
    _case_page(street, live_site, tracking)
    refuse = _panel(street, "Decision")
    refuse.get_by_label(label("Main reason")).select_option(
        label="income above the standard"
    )
    refuse.get_by_label(label("Written reasons (the applicant reads them)")).fill(
        "核对结果显示，家庭月收入2600元，高于1000元的低保标准。"
    )
    refuse.get_by_role("button", name="Refuse the case").click()
    expect(_panel(street, "Decision")).to_contain_text("高于1000元的低保标准")

    # The resident reads the reasons and appeals once.
    phone = _context(browser, PHONE).new_page()
    sign_in(phone, live_site, resident.email)
    phone.goto(f"{live_site}/my/assistance/")
    phone.get_by_role("link", name=tracking).click()
    reasons = _panel(phone, "Reasons for the refusal")
    expect(reasons).to_contain_text("income above the standard")
    expect(reasons).to_contain_text("高于1000元的低保标准")
    appeal = _panel(phone, "Appeal to the district")
    appeal.get_by_label(label("Your reason")).fill(
        "2600元里有1800元是一次性的补发工资，平时每月只有800元。"
    )
    appeal.get_by_role("button", name="Send the appeal").click()
    expect(_panel(phone, "Your appeal")).to_be_visible()
    expect(phone.get_by_role("button", name="Send the appeal")).to_have_count(0)

    # The district supervisor upholds it: the case is investigated again.
    district = _context(browser).new_page()
    sign_in(district, live_site, supervisor.email, totp_secret=supervisor_secret)
    _case_page(district, live_site, tracking)
    decision = _panel(district, "Decision")
    expect(decision).to_contain_text("一次性的补发工资")
    decision.get_by_label(label("The district's answer")).fill(
        "补发工资不计入月收入，请街道重新调查核实。"
    )
    decision.get_by_role("button", name="Uphold the appeal: investigate again").click()
    expect(_panel(district, "Decision")).to_contain_text("补发工资不计入月收入")

    # The resident sees the outcome.
    phone.reload()
    outcome = _panel(phone, "Your appeal")
    expect(outcome).to_contain_text("补发工资不计入月收入")
    expect(outcome).to_contain_text(re.compile("upheld", re.I))
