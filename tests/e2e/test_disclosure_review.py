"""Affairs disclosure, end to end: a finance disclosure is submitted, returned with a
reason, approved by an independent supervisor, published with the approver; a
resident questions one line and the committee answers publicly."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    in_english,
    label,
    make_committee_member,
    make_person,
    other_browser,
    sign_in,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _supervisor(community):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from communities.models import Role
    from governance.models import Body, Term
    from tests.factories import RoleGrantFactory

    person = make_person(email="jian.du@example.org", display_name="监督员老周")
    RoleGrantFactory(user=person, role=Role.SUPERVISION, community=community)
    Term.objects.create(
        body=Body.objects.get(community=community, kind=Body.Kind.SUPERVISION),
        person=person,
        position="member",
        starts_on=datetime.date(2020, 1, 1),
    )
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    return person, secret


def _resident(community):
    from communities.models import Membership
    from tests.factories import MembershipFactory

    person = make_person(email="ju.min@example.org", display_name="居民小李")
    MembershipFactory(
        user=person,
        community=community,
        household__community=community,
        status=Membership.Status.VERIFIED,
    )
    return person


def _draft(community, author):
    from tests.support.governance_disclosures import add_disclosure, finance_body

    return add_disclosure(
        community,
        title="2026年第一季度财务收支公开",
        category="finance",
        body=finance_body(),
        user=author,
        publish=False,
    )


def test_a_finance_disclosure_is_reviewed_published_and_questioned(
    live_site, page, browser, community
):
    committee, committee_secret = make_committee_member(
        community, email="wei.yuan@example.org", display_name="王委员"
    )
    supervisor, supervisor_secret = _supervisor(community)
    resident = _resident(community)
    draft = _draft(community, committee)

    # The committee member submits the draft for review in the Wagtail admin.
    sign_in(page, live_site, committee.email, totp_secret=committee_secret)
    page.goto(f"{live_site}/admin/pages/{draft.pk}/edit/")
    expect(page.locator("input[name='title']")).to_have_value(draft.title)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role(
        "button", name=re.compile("^(Submit for review|提交审核)$")
    ).click()
    expect(page.get_by_text(re.compile("submitted for moderation"))).to_be_visible()
    # The committee member cannot approve it.
    page.goto(f"{live_site}/xingfuli/disclosure-review/")
    expect(page.get_by_role("heading", name=draft.title)).to_be_visible()
    expect(page.get_by_role("button", name="Approve and publish")).to_have_count(0)

    # The supervisor returns it with a reason.
    reviewer_context = other_browser(browser)
    reviewer = reviewer_context.new_page()
    sign_in(reviewer, live_site, supervisor.email, totp_secret=supervisor_secret)
    reviewer.goto(f"{live_site}/xingfuli/disclosure-review/")
    reviewer.get_by_label(label("Reason for returning")).fill("请附上支出凭证")
    reviewer.get_by_role("button", name="Return with this reason").click()
    expect(
        reviewer.get_by_text("Returned to the author with your reason.")
    ).to_be_visible()

    # The author sees the reason, and submits again.
    page.goto(f"{live_site}/xingfuli/disclosure-review/")
    expect(page.get_by_text("请附上支出凭证")).to_be_visible()
    page.goto(f"{live_site}/admin/pages/{draft.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role(
        "button", name=re.compile("Resubmit for review|Submit for review")
    ).first.click()
    expect(page.get_by_text(re.compile("submitted for moderation"))).to_be_visible()

    # The supervisor approves; it is published with the approver.
    reviewer.goto(f"{live_site}/xingfuli/disclosure-review/")
    reviewer.get_by_role("button", name="Approve and publish").click()
    expect(reviewer.get_by_text("Approved and published.")).to_be_visible()
    reviewer_context.close()

    visitor_context = other_browser(browser)
    visitor = visitor_context.new_page()
    visitor.goto(f"{live_site}/xingfuli/disclosures/")
    in_english(visitor, live_site)
    visitor.goto(f"{live_site}/xingfuli/disclosures/")
    visitor.get_by_role("link", name=draft.title).click()
    expect(visitor.get_by_text(re.compile("Approved by 监督员老周"))).to_be_visible()
    expect(visitor.get_by_text("7199.50")).to_be_visible()
    visitor_context.close()

    # A resident questions one line.
    resident_context = other_browser(browser)
    asker = resident_context.new_page()
    sign_in(asker, live_site, resident.email)
    asker.goto(f"{live_site}/xingfuli/disclosures/")
    asker.get_by_role("link", name=draft.title).click()
    asker.get_by_role("row", name=re.compile("环境整治")).get_by_role(
        "link", name="Question this line"
    ).click()
    expect(asker.get_by_text(re.compile("About the line “环境整治”"))).to_be_visible()
    asker.get_by_label(label("Your question or objection")).fill(
        "环境整治支出包括哪些？"
    )
    asker.get_by_role("button", name="File the question").click()
    expect(asker.get_by_text(re.compile("Tracking number: ZX"))).to_be_visible()
    objection_url = asker.url

    # The committee answers publicly.
    page.goto(objection_url)
    page.get_by_label(label("Public answer")).fill("包括绿化修剪和垃圾清运。")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.get_by_text("Your answer has been published.")).to_be_visible()

    # The resident sees the answer on the disclosure.
    asker.goto(f"{live_site}/xingfuli/disclosures/")
    asker.get_by_role("link", name=draft.title).click()
    expect(asker.get_by_text("包括绿化修剪和垃圾清运。")).to_be_visible()
    resident_context.close()
