"""Charity journeys: a manager takes a project public only with a filing number; a
resident pledges and the manager confirms; spending with a receipt reconciles the
public ledger, where an anonymous donor shows as 爱心人士; a missing report shows as
overdue on the project page and on the officers' overdue list."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, label, make_person, other_browser, sign_in

# Without a serialized rollback: tests/e2e/conftest.py `wagtail_roots` recreates what
# migrations made (a serialized rollback between two tests of one file clashed on
# content types here, as it does in test_language.py).
pytestmark = pytest.mark.django_db(transaction=True)


def _manager(community):
    from communities.models import Role
    from tests.charity.factories import OrganisationFactory
    from tests.factories import RoleGrantFactory

    person = make_person(email="li.xiuying@example.org", display_name="李秀英")
    RoleGrantFactory(user=person, role=Role.CHARITY_MANAGER, community=community)
    organisation = OrganisationFactory(
        community=community, name="幸福里慈善会", managers=[person]
    )
    return person, organisation


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (240, 240, 240)).save(out, "PNG")
    return out.getvalue()


def _action_form(page, action):
    """The management page's form that posts to the project's `action` URL."""
    return page.locator(f"form[action$='/{action}/']")


def test_a_manager_publishes_a_project_only_after_entering_its_filing_number(
    live_site, page, community
):
    manager, organisation = _manager(community)
    today = timezone.localdate()
    sign_in(page, live_site, manager.email)
    page.goto(f"{live_site}/{community.slug}/charity/manage/")
    page.get_by_role("link", name=f"New project of {organisation.name}").click()
    fields = {
        "Title": "社区助老餐桌",
        "Purpose": "为高龄独居老人提供午餐。",
        "Beneficiaries": "80 岁以上独居老人",
        "Area": "幸福里社区",
        "Goal amount (yuan)": "20000",
        "Responsible person": "李秀英",
        "Receiving account": "6222 0200 1234 5678",
        "Use plan": "购买食材、支付厨师劳务费。",
        "Plan for leftover funds": "转入下一期助老项目。",
    }
    for name, value in fields.items():
        page.get_by_label(label(name)).fill(value)
    page.get_by_label(label("Starts on")).fill(today.isoformat())
    page.get_by_label(label("Ends on")).fill(
        (today + datetime.timedelta(days=90)).isoformat()
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("The project is saved as a draft.")).to_be_visible()
    expect(
        page.get_by_text(
            "Enter the filing number and the filing date before going public."
        )
    ).to_be_visible()

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter the filing number and the filing date before going public."
    )
    expect(page.get_by_text("Status: draft")).to_be_visible()

    filing = _action_form(page, "filing")
    filing.get_by_label(label("Filing number")).fill("53110100MJ0000001A-2026-009")
    filing.get_by_label(label("Filed on")).fill(
        (today - datetime.timedelta(days=12)).isoformat()
    )
    filing.get_by_role("button", name="Record the filing").click()
    expect(page.get_by_text("The filing is recorded.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The project is public now.")).to_be_visible()
    page.get_by_role("link", name="Project page").click()
    expect(page.get_by_text("53110100MJ0000001A-2026-009")).to_be_visible()


def test_a_pledge_is_confirmed_spending_reconciles_and_anonymous_donors_show_as_such(
    live_site, page, browser, community
):
    from tests.charity.factories import PublicProjectFactory

    manager, organisation = _manager(community)
    project = PublicProjectFactory(organisation=organisation, title="困难家庭助学金")
    resident = make_person(email="wang.fang@example.org", display_name="王芳")
    project_url = f"{live_site}/{community.slug}/charity/projects/{project.pk}/"

    # A resident pledges 300 yuan without showing her name.
    resident_context = other_browser(browser)
    donor = resident_context.new_page()
    sign_in(donor, live_site, resident.email)
    donor.goto(project_url)
    donor.get_by_role("link", name="Pledge a donation").click()
    donor.get_by_label(label("Amount (yuan)")).fill("300")
    donor.get_by_role("button", name=re.compile("Pledge")).click()
    expect(donor.get_by_text("Your pledge is recorded")).to_be_visible()

    # The manager confirms it, then records spending with a receipt.
    sign_in(page, live_site, manager.email)
    page.goto(f"{live_site}/{community.slug}/charity/manage/projects/{project.pk}/")
    page.get_by_role("button", name="Confirm 300.00 arrived").click()
    expect(page.get_by_text("The pledge is confirmed.")).to_be_visible()
    spend = _action_form(page, "spend")
    spend.get_by_label(label("Date")).fill(timezone.localdate().isoformat())
    spend.get_by_label(label("Amount (yuan)")).fill("120.50")
    spend.get_by_label(label("Purpose")).fill("学习用品")
    spend.get_by_label(label("Payee organisation")).fill("幸福文具有限公司")
    spend.get_by_label(label("Receipt (image or PDF)")).set_input_files(
        {"name": "receipt.png", "mimeType": "image/png", "buffer": _png()}
    )
    spend.get_by_role("button", name="Record expenditure").click()
    expect(page.get_by_text("The expenditure is recorded.")).to_be_visible()
    expect(
        page.get_by_text("Received 300.00, spent 120.50, balance 179.50 yuan.")
    ).to_be_visible()

    # The public ledger, seen by a visitor in Chinese: it reconciles, and the donor
    # shows as 爱心人士.
    visitor_context = other_browser(browser)
    visitor = visitor_context.new_page()
    visitor.goto(project_url)
    summary = visitor.locator("table").filter(has_text="179.50")
    expect(summary).to_contain_text("300.00")
    expect(summary).to_contain_text("120.50")
    donations = visitor.locator("table").filter(has_text="300.00").last
    expect(donations).to_contain_text("爱心人士")
    expect(visitor.get_by_text("王芳")).to_have_count(0)
    expect(visitor.get_by_role("link", name=re.compile("收据|Receipt"))).to_have_count(
        1
    )
    resident_context.close()
    visitor_context.close()


def test_an_overdue_report_shows_on_the_project_page_and_the_officers_list(
    live_site, page, browser, community
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from communities.models import Role
    from tests.charity.factories import PublicProjectFactory
    from tests.factories import CommunityFactory, RoleGrantFactory, StreetFactory

    _manager_person, organisation = _manager(community)
    today = timezone.localdate()
    # Ran three months and ended four months ago: the final report is a month overdue.
    project = PublicProjectFactory(
        organisation=organisation,
        title="冬季送温暖",
        starts_on=today - datetime.timedelta(days=210),
        ends_on=today - datetime.timedelta(days=120),
        filed_on=today - datetime.timedelta(days=240),
        published_on=today - datetime.timedelta(days=210),
    )
    visitor = other_browser(browser).new_page()
    visitor.goto(f"{live_site}/{community.slug}/charity/projects/{project.pk}/")
    expect(
        visitor.get_by_text(re.compile("1 份报告逾期|1 report overdue"))
    ).to_be_visible()

    # A district officer oversees two streets: the list offers the streets first,
    # then the communities of the street chosen (not every community of the district).
    other = CommunityFactory(
        street=StreetFactory(parent=community.street.parent, name="东华门街道"),
        name="东华社区",
    )
    officer = make_person(email="district.officer@example.org", display_name="区干部")
    RoleGrantFactory(
        user=officer,
        role=Role.DISTRICT_OFFICER,
        community=None,
        region=community.street.parent,
    )
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)
    sign_in(page, live_site, officer.email, totp_secret=secret)
    page.goto(f"{live_site}/my/charity/overdue-reports/")
    expect(page.get_by_label(label("Community"))).to_have_count(0)
    page.get_by_label(label("Street or town")).select_option(label=other.street.name)
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("row").filter(has_text="冬季送温暖")).to_have_count(0)
    page.get_by_label(label("Street or town")).select_option(
        label=community.street.name
    )
    page.get_by_role("button", name="Show").click()
    page.get_by_label(label("Community")).select_option(
        label=f"{community.street.name} · {community.name}"
    )
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_label(label("Community"))).to_have_value(community.slug)
    row = page.get_by_role("row").filter(has_text="冬季送温暖")
    expect(row).to_contain_text("Final report")
    expect(row).to_contain_text(community.name)
    page.get_by_role("link", name="冬季送温暖").click()
    expect(page.get_by_text("1 report overdue")).to_be_visible()


def test_an_anonymous_visitor_reaches_the_pledge_form_through_sign_in(
    live_site, page, community
):
    from tests.charity.factories import PublicProjectFactory

    _manager_person, organisation = _manager(community)
    project = PublicProjectFactory(organisation=organisation, title="冬衣暖心")
    make_person(email="wang.fang@example.org", display_name="王芳")
    project_url = f"/{community.slug}/charity/projects/{project.pk}/"
    page.goto(f"{live_site}/accounts/language/en/?next={project_url}")
    page.get_by_role("link", name="Sign in to pledge a donation").click()
    page.get_by_label(label("Email or mobile phone")).fill("wang.fang@example.org")
    page.get_by_label(label("Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(
        page.get_by_role("heading", name="Pledge a donation to 冬衣暖心", level=1)
    ).to_be_visible()
    expect(page).to_have_url(re.compile(rf"{re.escape(project_url)}pledge/$"))
