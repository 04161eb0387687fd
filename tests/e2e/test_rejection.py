"""A committee member rejects a request with a reason; the applicant reads it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from communities import services
from tests.e2e.conftest import (
    make_committee_member,
    make_person,
    open_menu,
    other_browser,
    sign_in,
)
from tests.e2e.desk_tools import open_desk_tool

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "No one by this name lives at Building 9 Room 901; please check the address."


def test_a_rejected_applicant_sees_the_reason_and_a_notification(
    live_site, page, browser, community
):
    applicant = make_person(
        email="zhou.jie@example.org", display_name="周杰", real_name="周杰"
    )
    services.request_membership(
        user=applicant, community=community, building="9", room="901"
    )
    committee, secret = make_committee_member(community, email="chen.hui@example.org")

    sign_in(page, live_site, committee.email, totp_secret=secret)
    open_desk_tool(page, "幸福里社区", "Verification queue")
    request = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="周杰")
    )
    reason = request.get_by_label(re.compile("^Reason for rejection"))
    # Without a reason the browser refuses to send the form and says why.
    request.get_by_role("button", name="Reject 周杰").click()
    assert reason.evaluate("field => field.validity.valueMissing")
    expect(reason).to_be_focused()
    expect(request.get_by_role("button", name="Verify 周杰")).to_be_visible()
    reason.fill(REASON)
    request.get_by_role("button", name="Reject 周杰").click()
    expect(page.get_by_text("The request was rejected.")).to_be_visible()
    expect(page.get_by_text("No requests are waiting.")).to_be_visible()

    applicant_context = other_browser(browser)
    resident = applicant_context.new_page()
    sign_in(resident, live_site, applicant.email)
    badge = resident.get_by_role("link", name=re.compile("Notifications")).locator(
        "[data-unread-count]"
    )
    expect(badge).to_have_text("1")
    open_menu(resident)
    resident.get_by_role("link", name="My communities").click()
    card = resident.get_by_role("listitem").filter(has_text="幸福里社区")
    expect(card.get_by_text("rejected", exact=True)).to_be_visible()
    expect(card.get_by_text(REASON)).to_be_visible()
    expect(card.get_by_role("link", name="Ask again")).to_be_visible()

    resident.get_by_role("link", name=re.compile("Notifications")).click()
    notice = resident.get_by_role("listitem").filter(
        has=resident.get_by_role(
            "link", name="Your request to join 幸福里社区 was not accepted"
        )
    )
    expect(notice).to_be_visible()
    expect(notice.get_by_text(REASON)).to_be_visible()
    applicant_context.close()
