"""The joint qualification review, end to end: the street officer opens a review
round for a resident, records every department's result, the candidate passes,
the round closes, the street officer appoints them to the residents' committee,
and the new member now holds the committee role ("My communities")."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import label, make_person, open_menu, other_browser, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _world(community):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from communities.models import Membership, Role
    from governance.vetting.models import ReviewDepartment, ReviewGround
    from tests.factories import MembershipFactory, RoleGrantFactory

    district = community.street.parent
    for order, name in enumerate(["组织部门", "公安机关"], start=1):
        ReviewDepartment.objects.create(district=district, name=name, order=order)
    ReviewGround.objects.create(district=district, name="受过刑事处罚")
    officer = make_person(email="jie.dao@example.org", display_name="街道老陈")
    RoleGrantFactory(
        user=officer, role=Role.STREET_OFFICER, community=None, region=community.street
    )
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)
    candidate = make_person(email="hou.xuan@example.org", display_name="候选人小刘")
    MembershipFactory(
        user=candidate,
        community=community,
        household__community=community,
        status=Membership.Status.VERIFIED,
    )
    return officer, secret, candidate


def test_the_street_reviews_a_candidate_and_the_appointment_grants_the_role(
    live_site, page, browser, community
):
    officer, secret, candidate = _world(community)
    street = community.street.slug
    sign_in(page, live_site, officer.email, totp_secret=secret)

    page.goto(f"{live_site}/regions/{street}/")
    open_menu(page)
    page.get_by_role("link", name="Qualification review").first.click()
    page.get_by_role("link", name="Open a review round").click()
    page.get_by_label(label("Community")).select_option(community.slug)
    page.get_by_role("button", name="Choose").click()
    page.get_by_label(label("Purpose")).select_option("appointment")
    page.get_by_label(re.compile("候选人小刘")).check()
    page.get_by_role("button", name="Open the review round").click()
    expect(page.get_by_text("The review round is open.")).to_be_visible()

    for department in ("组织部门", "公安机关"):
        form = page.locator("form", has_text="候选人小刘").filter(
            has=page.get_by_role("button", name=re.compile("Record the result"))
        )
        form.get_by_label(label("Department")).select_option(label=department)
        form.get_by_label("pass", exact=True).check()
        form.get_by_role("button", name=re.compile("Record the result")).click()
        expect(page.get_by_text("The result is recorded.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("候选人小刘"))
    expect(row).to_contain_text("passed")
    page.get_by_role("button", name="Close the review round").click()
    expect(page.get_by_text("The review round is closed.")).to_be_visible()

    page.goto(f"{live_site}/{community.slug}/bodies/")
    page.get_by_label(label("Body")).select_option(label="residents' committee")
    page.get_by_label(label("E-mail address of the person")).fill(candidate.email)
    page.get_by_label(label("Position")).select_option("member")
    page.get_by_role("button", name="Appoint", exact=True).click()
    expect(page.get_by_text("The appointment has been recorded.")).to_be_visible()

    context = other_browser(browser)
    member = context.new_page()
    sign_in(member, live_site, candidate.email)
    member.goto(f"{live_site}/my/communities/")
    roles = member.locator(
        "section", has=member.get_by_role("heading", name="My roles")
    )
    expect(roles).to_contain_text("committee member")
    expect(roles).to_contain_text(community.name)
    context.close()
