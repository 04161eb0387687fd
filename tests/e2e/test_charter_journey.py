"""A charter from first draft to publication, and a visitor comparing two versions.

The committee drafts a convention (one clause fines, and is flagged); a resident
gives an opinion on a clause; the committee sees it, acknowledges the flagged
clause and submits; the street officer returns it with a reason, the committee
resubmits, the officer passes it; the committee records the vote, the officer
confirms the filing, the committee publishes; the charter is public.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import (
    label,
    make_committee_member,
    make_person,
    open_menu,
    other_browser,
    sign_in,
)
from tests.e2e.desk_tools import open_desk_tool

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]

REASON = "第四条的罚款没有法律依据，请删除或改为批评教育。"


def _street_officer(street):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from communities.models import Role
    from tests.factories import RoleGrantFactory

    person = make_person(email="wang.jie@example.org", display_name="王杰")
    RoleGrantFactory(
        user=person, role=Role.STREET_OFFICER, community=None, region=street
    )
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    return person, secret


def _resident(community):
    from communities.models import Membership
    from tests.factories import MembershipFactory

    person = make_person(email="li.na@example.org", display_name="李娜")
    MembershipFactory(
        user=person,
        community=community,
        household__community=community,
        status=Membership.Status.VERIFIED,
    )
    return person


def _open_work(page, version_title="幸福里居民公约, version 1"):
    open_desk_tool(page, "幸福里社区", "Charter work")
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", name=version_title)).to_be_visible()


def _state(page, text):
    expect(page.locator("#charter-state")).to_have_text(text)


def test_a_charter_goes_from_draft_to_published(
    live_site, page, browser, community, street
):
    committee, committee_secret = make_committee_member(
        community, email="chen.hui@example.org", display_name="陈辉"
    )
    officer, officer_secret = _street_officer(street)
    resident = _resident(community)

    # The committee drafts the convention.
    sign_in(page, live_site, committee.email, totp_secret=committee_secret)
    open_desk_tool(page, "幸福里社区", "Charter work")
    page.get_by_label(label("Kind")).select_option("residents")
    page.get_by_label(label("Title")).fill("幸福里居民公约")
    page.get_by_label(label("Clauses")).fill(
        "居民应当爱护公共设施。\n\n饲养宠物应当文明，外出牵绳。\n\n"
        "邻里之间互相尊重。\n\n乱扔垃圾者罚款五十元。"
    )
    page.get_by_role("button", name="Start collecting opinions").click()
    expect(page.get_by_text("Residents can now give opinions.")).to_be_visible()
    _state(page, "collecting opinions")
    expect(page.locator("#penalty-warning")).to_be_visible()
    expect(page.locator("#clause-4").get_by_text("Found: 罚款")).to_be_visible()

    # A resident gives an opinion on clause 2.
    context = other_browser(browser)
    other = context.new_page()
    sign_in(other, live_site, resident.email)
    other.get_by_role("link", name="幸福里社区").first.click()
    open_menu(other)
    other.get_by_role("navigation", name="幸福里社区 navigation").get_by_role(
        "link", name="Charters"
    ).click()
    other.get_by_role("link", name="Give your opinion on 幸福里居民公约").click()
    clause = other.locator("#clause-2")
    clause.get_by_label(label("Your opinion on this clause")).fill("建议规定遛狗时间。")
    clause.get_by_role("button", name="Send your opinion on clause 2").click()
    expect(
        other.get_by_text("Thank you. Your opinion goes to the residents' committee.")
    ).to_be_visible()
    expect(other.locator("#clause-2").get_by_text("建议规定遛狗时间。")).to_be_visible()

    # The committee sees it on the clause, closes the opinions and must deal
    # with the flagged clause before submitting.
    page.reload()
    expect(page.locator("#clause-2").get_by_text("建议规定遛狗时间。")).to_be_visible()
    page.get_by_role("button", name="Close the opinions and make it a draft").click()
    _state(page, "draft")
    page.get_by_role("button", name="Submit for street/town review").click()
    expect(page.get_by_role("alert")).to_contain_text("Clauses 4 impose fines")
    page.locator("#clause-4").get_by_label(label("Why this clause may stand")).fill(
        "依据市容环境卫生条例，由城管依法处理。"
    )
    page.get_by_role("button", name="Acknowledge the penalty in clause 4").click()
    page.get_by_role("button", name="Submit for street/town review").click()
    _state(page, "submitted for street/town review")

    # The street officer returns it with a reason.
    officer_context = other_browser(browser)
    street_page = officer_context.new_page()
    sign_in(street_page, live_site, officer.email, totp_secret=officer_secret)
    street_page.goto(f"{live_site}/xingfuli/")
    open_desk_tool(street_page, "幸福里社区", "Charter work")
    street_page.get_by_role("link", name="Version 1").click()
    street_page.get_by_label(label("What must change")).fill(REASON)
    street_page.get_by_role("button", name="Return for revision").click()
    _state(street_page, "draft")

    # The committee reads the reason, revises clause 4 and resubmits.
    page.reload()
    expect(page.locator("#return-reason")).to_contain_text(REASON)
    clause4 = page.locator("#clause-4")
    clause4.get_by_text("Revise clause 4").click()
    clause4.get_by_label(label("Text of the clause")).fill("乱扔垃圾者由楼长劝导。")
    clause4.get_by_role("button", name="Save clause 4").click()
    expect(page.locator("#penalty-warning")).to_have_count(0)
    page.get_by_role("button", name="Submit for street/town review").click()
    _state(page, "submitted for street/town review")

    # The officer passes it.
    street_page.reload()
    street_page.get_by_role("button", name="Pass the review").click()
    _state(street_page, "review passed")

    # The committee records the vote.
    page.reload()
    page.get_by_label(label("Electorate (entitled to vote)")).fill("300")
    page.get_by_label(label("Attending")).fill("180")
    page.get_by_label(label("Women attending")).fill("95")
    page.get_by_label(label("For")).fill("160")
    page.get_by_label(label("Against")).fill("12")
    page.get_by_label(label("Abstaining")).fill("8")
    page.get_by_role("button", name="Save the meeting record").click()
    _state(page, "adopted by vote, awaiting filing")
    expect(page.get_by_text("Filing with the street/town is due by")).to_be_visible()

    # The officer confirms the filing; the committee publishes.
    street_page.reload()
    street_page.get_by_role("button", name="Confirm the filing").click()
    _state(street_page, "filed")
    page.reload()
    page.get_by_label(label("In force from")).fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Publish").click()
    _state(page, "published")
    expect(page.get_by_role("listitem").filter(has_text="陈辉").first).to_be_visible()

    # Anyone reads it.
    visitor = other_browser(browser).new_page()
    visitor.goto(f"{live_site}/xingfuli/charters/")
    visitor.get_by_role("link", name="幸福里居民公约").click()
    expect(visitor.get_by_text("乱扔垃圾者由楼长劝导。")).to_be_visible()
    expect(visitor.get_by_text(re.compile("第 1 版，.*起施行"))).to_be_visible()
    context.close()
    officer_context.close()
