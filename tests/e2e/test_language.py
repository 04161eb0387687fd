"""Simplified Chinese by default, English a click away, and the choice sticks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    PASSWORD,
    first_link,
    label,
    mail_text,
    make_person,
    open_menu,
    read_mails,
)

pytestmark = pytest.mark.django_db(transaction=True)


def language_links(page):
    return page.get_by_role("navigation", name=re.compile("^(Language|语言)$"))


def english_link(page):
    """Found without reading Chinese: the link to the English version of the page."""
    open_menu(page)
    return language_links(page).locator("a[hreflang='en']")


def sign_in_in_any_language(page, base_url: str, email: str) -> None:
    # The page may be Chinese here on purpose, so the fields are found by name.
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name='login']").fill(email)
    page.locator("input[name='password']").fill(PASSWORD)
    page.locator("main form button[type='submit']").click()
    expect(page.locator("a[href='/accounts/logout/']")).to_have_count(1)


def test_the_portal_is_in_chinese_by_default_and_english_after_one_click(
    live_site, page, community
):
    page.goto(live_site + "/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("link", name="跳到主要内容")).to_have_count(1)

    # Someone who reads no Chinese finds the switch by its own name, "English"
    # (the link is marked lang="en", so its text must be English too).
    open_menu(page)
    switch = language_links(page).get_by_role("link", name="English")
    expect(switch).to_be_visible()
    switch.click()

    expect(html).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to main content")).to_have_count(1)
    expect(page.get_by_role("heading", name="Find a community")).to_be_visible()
    open_menu(page)
    expect(language_links(page).get_by_role("link", name="简体中文")).to_be_visible()


def test_a_signed_in_persons_language_is_kept_on_their_account(
    live_site, page, context, community
):
    person = make_person(email="zhao.min@example.org", preferred_language="zh-hans")
    html = page.locator("html")

    sign_in_in_any_language(page, live_site, person.email)
    expect(html).to_have_attribute("lang", "zh-hans")
    english_link(page).click()
    expect(html).to_have_attribute("lang", "en")

    open_menu(page)
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    # A browser without the language cookie: only the account remembers English.
    context.clear_cookies()
    page.goto(live_site + "/")
    expect(html).to_have_attribute("lang", "zh-hans")
    sign_in_in_any_language(page, live_site, person.email)
    expect(html).to_have_attribute("lang", "en")
    open_menu(page)
    expect(page.get_by_role("link", name="My communities")).to_be_visible()


def test_english_chosen_before_signing_up_stays_after_the_email_is_confirmed(
    live_site, mail_dir, page, community
):
    page.goto(live_site + "/")
    english_link(page).click()
    open_menu(page)
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label(label("Email")).fill("sun.li@example.org")
    page.get_by_label(label("Password")).fill("a-long-unusual-passphrase")
    page.get_by_label(label("Password (again)")).fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Sign Up").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    (mail,) = read_mails(mail_dir)
    page.goto(first_link(mail_text(mail)))
    page.get_by_role("button", name="Confirm").click()

    expect(page.locator("a[href='/accounts/logout/']")).to_have_count(1)
    expect(page.locator("html")).to_have_attribute("lang", "en")
