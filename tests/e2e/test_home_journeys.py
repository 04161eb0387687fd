"""The community home on a 390-px phone: a resident finds an open vote and casts
it in at most three taps, then sees it on "Mine"; a visitor sees what is happening.

The vote and the rest of the community's life are set up through the services in
the test process; the journeys happen in the browser.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communities.models import Membership
from consultation.votes import services as vote_services
from tests.consultation.factories import AgendaItemFactory, MeetingFactory
from tests.e2e.conftest import make_committee_member, make_person, open_menu, sign_in
from tests.factories import MembershipFactory
from tests.support.governance_notices import add_notice
from tests.volunteers.factories import ActivityFactory, ShiftFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def happening(community):
    committee, _secret = make_committee_member(community)
    resident = make_person(email="zhou.min@example.org", display_name="周敏")
    MembershipFactory(
        user=resident,
        community=community,
        household__community=community,
        status=Membership.Status.VERIFIED,
        is_adult=True,
    )
    meeting = MeetingFactory(
        consultation__community=community,
        title="路灯议事会",
        starts_at=timezone.now() + datetime.timedelta(days=4),
    )
    motion = vote_services.create_motion(
        actor=committee,
        agenda_item=AgendaItemFactory(meeting=meeting),
        title="是否更换小区路灯",
        method="single",
        options=["同意更换", "暂不更换"],
    )
    vote_services.open_vote(actor=committee, motion=motion)
    add_notice(community, title="本周六停水通知")
    ShiftFactory(
        activity=ActivityFactory(community=community, title="陪老人散步"), capacity=3
    )
    return {"resident": resident, "motion": motion}


def test_a_resident_casts_an_open_vote_from_home_in_three_taps(
    live_site, page, community, happening
):
    page.set_viewport_size(PHONE)
    sign_in(page, live_site, "zhou.min@example.org")
    page.goto(f"{live_site}/{community.slug}/")
    assert page.evaluate(OVERFLOW) <= 0
    waiting = page.locator("[data-waiting]")
    expect(waiting.get_by_role("heading", name="Votes you can cast")).to_be_visible()
    taps = 0
    waiting.get_by_role("link", name="是否更换小区路灯").click()
    taps += 1
    page.get_by_label("同意更换").check()
    taps += 1
    page.get_by_role("button", name="Cast my ballot").click()
    taps += 1
    expect(
        page.get_by_role("status").get_by_text("Your ballot is cast.")
    ).to_be_visible()
    assert taps <= 3

    # Back home, nothing waits any more; "Mine" shows the open ballot and choice.
    page.goto(f"{live_site}/{community.slug}/")
    expect(page.get_by_text("Nothing waits for you here right now.")).to_be_visible()
    open_menu(page)
    page.get_by_role("link", name="Mine", exact=True).click()
    votes = page.locator("[data-home-block='votes']")
    expect(votes.get_by_role("link", name="是否更换小区路灯")).to_be_visible()
    expect(votes).to_contain_text("同意更换")
    assert page.evaluate(OVERFLOW) <= 0


def test_a_visitor_sees_what_is_happening(live_site, page, community, happening):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_site}/{community.slug}/")
    expect(page.locator("[data-waiting]")).to_have_count(0)
    for key, text in [
        ("votes", "是否更换小区路灯"),
        ("meetings", "路灯议事会"),
        ("notices", "本周六停水通知"),
        ("shifts", "陪老人散步"),
    ]:
        expect(page.locator(f"[data-home-block='{key}']")).to_contain_text(text)
    assert page.evaluate(OVERFLOW) <= 0
    # Each list leads on to its full page.
    page.locator("[data-home-block='notices'] .home-more a").click()
    expect(page.get_by_role("link", name="本周六停水通知")).to_be_visible()
