"""Key pages on a phone-sized screen: nothing wider than the screen.

Set GONGZHI_E2E_SHOTS to a folder to keep full-page screenshots for a person to
look at (e.g. GONGZHI_E2E_SHOTS=/tmp/gz-shots).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from communities import services
from tests.e2e.conftest import (
    in_english,
    make_committee_member,
    make_person,
    other_browser,
    sign_in,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 412, "height": 900}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("GONGZHI_E2E_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_and_shoot(page, path: Path) -> None:
    assert page.viewport_size == PHONE
    page.wait_for_load_state()
    assert page.evaluate(OVERFLOW) <= 0, f"{page.url} is wider than a phone screen"
    # Written here rather than by Playwright, whose file writes start threads in
    # this process that the next test's forked server would inherit.
    path.write_bytes(page.screenshot(full_page=True))


def test_portal_community_join_form_and_queue_fit_a_phone_screen(
    live_site, page, browser, shots, community
):
    services.create_community(
        street=community.street,
        name="东风村",
        slug="dongfeng",
        kind="village",
        description="东风村位于和平街道东部，共有三个村民小组。",
    )
    applicant = make_person(
        email="lin.na@example.org", display_name="林娜", real_name="林娜"
    )
    services.request_membership(
        user=applicant,
        community=community,
        building="12",
        unit="3",
        room="1102",
        note="我是新搬来的租户，和父母同住。",
    )
    committee, secret = make_committee_member(community, email="ma.li@example.org")

    page.goto(live_site + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_and_shoot(page, shots / "portal-zh.png")
    in_english(page, live_site)
    check_and_shoot(page, shots / "portal.png")

    page.get_by_role("link", name="幸福里社区").click()
    expect(page.get_by_role("heading", level=1, name="幸福里社区")).to_be_visible()
    check_and_shoot(page, shots / "community-home.png")

    resident = make_person(email="gao.yan@example.org")
    sign_in(page, live_site, resident.email)
    page.goto(f"{live_site}/{community.slug}/join/")
    expect(page.get_by_role("heading", level=1, name="Join 幸福里社区")).to_be_visible()
    check_and_shoot(page, shots / "join-form.png")
    page.get_by_role("button", name="Send request").click()
    expect(
        page.get_by_role("alert").or_(page.locator(".errorlist")).first
    ).to_be_visible()
    check_and_shoot(page, shots / "join-form-errors.png")

    desk_context = other_browser(browser)
    desk = desk_context.new_page()
    sign_in(desk, live_site, committee.email, totp_secret=secret)
    desk.goto(f"{live_site}/{community.slug}/verification/")
    expect(desk.get_by_role("heading", level=2, name="林娜")).to_be_visible()
    check_and_shoot(desk, shots / "verification-queue.png")
    desk_context.close()
