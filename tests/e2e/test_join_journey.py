"""The whole chain: sign up, confirm, find a community, ask to join, get verified live."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    first_link,
    in_english,
    label,
    mail_text,
    make_committee_member,
    open_menu,
    other_browser,
    read_mails,
    sign_in,
)
from tests.e2e.desk_tools import open_desk_tool

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "li.hua@example.org"
NEW_PASSWORD = "a-long-unusual-passphrase"


def test_a_visitor_signs_up_joins_and_sees_the_committees_verification_live(
    live_site, mail_dir, page, browser, community
):
    committee, secret = make_committee_member(
        community, email="wang.wei@example.org", display_name="王委员"
    )

    # A visitor opens the portal and signs up.
    page.goto(live_site + "/")
    in_english(page, live_site)
    open_menu(page)
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label(label("Email")).fill(EMAIL)
    page.get_by_label(label("Password")).fill(NEW_PASSWORD)
    page.get_by_label(label("Password (again)")).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    # The confirmation mail's link signs them in.
    mails = [m for m in read_mails(mail_dir) if EMAIL in m["To"]]
    assert len(mails) == 1
    page.goto(first_link(mail_text(mails[0])))
    page.get_by_role("button", name="Confirm").click()
    # Signed in (in whichever language the account has: see test_language).
    expect(page.locator("a[href='/accounts/logout/']")).to_have_count(1)

    # They find their community from the portal by its name and ask to join.
    in_english(page, live_site)
    page.get_by_label(label("Community name")).fill("幸福里")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.get_by_role("heading", name=re.compile("Results for"))
    expect(results).to_be_visible()
    page.get_by_role("link", name="幸福里社区").first.click()
    expect(page.get_by_role("heading", level=1, name="幸福里社区")).to_be_visible()
    open_menu(page)
    nav = page.get_by_role("navigation", name="幸福里社区 navigation")
    nav.get_by_role("link", name="Join").click()
    page.get_by_label(label("Your real name")).fill("李华")
    page.get_by_label(label("Building")).fill("3")
    page.get_by_label(label("Unit")).fill("2")
    page.get_by_label(label("Room")).fill("501")
    page.get_by_label("I am 18 or older").check()
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text("Your request has been sent.")).to_be_visible()
    expect(page.get_by_text("waiting for verification")).to_be_visible()

    # The resident's page stays open, its badge connected live.
    badge = page.get_by_role("link", name=re.compile("Notifications")).locator(
        "[data-unread-count]"
    )
    expect(badge).to_have_text("0")
    expect(page.locator("html")).to_have_attribute("data-ws", "open")
    page.evaluate("window.stillTheSamePage = true")  # gone if the page reloads

    # A committee member signs in with password and TOTP in another browser.
    committee_context = other_browser(browser)
    desk = committee_context.new_page()
    sign_in(desk, live_site, committee.email, totp_secret=secret)
    desk.goto(live_site + "/")
    open_desk_tool(desk, "幸福里社区", "Verification queue")
    expect(
        desk.get_by_role("heading", level=1, name="Verification queue")
    ).to_be_visible()
    request = desk.get_by_role("listitem").filter(has_text="Building 3 Unit 2 Room 501")
    expect(request).to_be_visible()
    request.get_by_role("button", name=re.compile("^Verify ")).click()
    expect(desk.get_by_text("is now a verified resident")).to_be_visible()
    expect(desk.get_by_text("No requests are waiting.")).to_be_visible()
    committee_context.close()

    # The resident's open page shows the new notification without a reload.
    expect(badge).to_have_text("1")
    assert page.evaluate("window.stillTheSamePage === true")
    open_menu(page)
    page.get_by_role("link", name="My communities").click()
    card = page.get_by_role("listitem").filter(has_text="幸福里社区")
    expect(card.get_by_text("verified", exact=True)).to_be_visible()
    page.get_by_role("link", name=re.compile("Notifications")).click()
    expect(
        page.get_by_role("link", name="You are now a verified resident of 幸福里社区")
    ).to_be_visible()
