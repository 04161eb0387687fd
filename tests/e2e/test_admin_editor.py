"""A committee member edits their community's page in the Wagtail admin, with no script blocked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import make_committee_member, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_page_editor_runs_without_content_security_policy_violations(
    live_site, page, community
):
    member, secret = make_committee_member(community, email="bian.ji@example.org")
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    sign_in(page, live_site, member.email, totp_secret=secret)

    home = community.home_page
    page.goto(f"{live_site}/admin/pages/{home.pk}/edit/")
    expect(page.locator("input[name='title']")).to_have_value(home.title)
    # The editor's scripts ran: Wagtail marks the form once its controllers connect.
    expect(page.locator("[data-controller~='w-unsaved']").first).to_be_attached()
    page.locator("input[name='title']").fill("幸福里社区（新）")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("has been updated")).to_be_visible()
    assert violations == []
