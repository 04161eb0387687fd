"""A resident suggests a topic, another supports it, the committee accepts it and
schedules a meeting, and the supporter registers for it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import (
    make_committee_member,
    make_person,
    other_browser,
    sign_in,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _resident(community, n, **kwargs):
    from communities.models import Membership
    from tests.factories import HouseholdFactory

    person = make_person(**kwargs)
    Membership.objects.create(
        user=person,
        community=community,
        household=HouseholdFactory(
            community=community, building="7", room=str(100 + n)
        ),
        status=Membership.Status.VERIFIED,
    )
    return person


def test_from_a_suggestion_to_a_meeting_with_a_registration(
    live_site, page, browser, community
):
    author = _resident(community, 1, email="li.na@example.org", display_name="李娜")
    supporter = _resident(
        community, 2, email="wang.qiang@example.org", display_name="王强"
    )
    for n in range(3, 16):  # 15 verified adults: the threshold is 2 supporters
        _resident(community, n)
    committee, secret = make_committee_member(community, email="chen.hui@example.org")
    slug = community.slug

    # The author suggests a topic.
    sign_in(page, live_site, author.email)
    page.goto(f"{live_site}/{slug}/")
    page.get_by_role("link", name="Consultations").first.click()
    page.get_by_role("link", name="Suggest a topic").click()
    page.get_by_label("Title").fill("地下车库增设充电桩")
    page.get_by_label("Description").fill("电动车在楼道充电有火灾隐患。")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your suggestion is posted.")).to_be_visible()
    expect(page.get_by_text("1 of 2 supporters")).to_be_visible()

    # A neighbour supports it: it becomes a topic.
    context = other_browser(browser)
    neighbour = context.new_page()
    sign_in(neighbour, live_site, supporter.email)
    neighbour.goto(f"{live_site}/{slug}/consultations/")
    neighbour.get_by_role("link", name="地下车库增设充电桩").click()
    neighbour.get_by_role("button", name="Support this suggestion").click()
    expect(neighbour.get_by_text("it is now a topic")).to_be_visible()

    # The committee accepts it with a public reason and schedules a meeting.
    committee_context = other_browser(browser)
    desk = committee_context.new_page()
    sign_in(desk, live_site, committee.email, totp_secret=secret)
    desk.goto(f"{live_site}/{slug}/consultations/")
    desk.get_by_role("link", name="地下车库增设充电桩").first.click()
    desk.get_by_label("Public reason").fill("涉及消防安全，居民关注度高。")
    desk.get_by_role("button", name="Accept the topic").click()
    expect(desk.get_by_text("The topic is accepted.")).to_be_visible()
    desk.get_by_role("link", name="Schedule a meeting").click()
    starts = timezone.localtime() + datetime.timedelta(days=10)
    desk.get_by_label("Title").fill("充电桩议事会")
    desk.get_by_label("Starts at").fill(starts.strftime("%Y-%m-%dT19:00"))
    desk.get_by_label("Ends at").fill(starts.strftime("%Y-%m-%dT21:00"))
    desk.get_by_label(re.compile(r"^Place:?$")).fill("社区活动室")
    desk.get_by_label("Residents may register").check()
    desk.get_by_label("Places for registration").fill("20")
    desk.get_by_role("button", name="Save").click()
    expect(desk.get_by_text("The meeting is scheduled.")).to_be_visible()
    desk.get_by_label(re.compile("^Or the name of a unit")).fill("7号楼住户代表")
    desk.get_by_label("Kind").select_option("affected")
    desk.get_by_role("button", name="Invite", exact=True).click()
    expect(desk.get_by_text("The participant is invited.")).to_be_visible()
    desk.get_by_role("link", name="地下车库增设充电桩").click()
    desk.get_by_role("button", name="Confirm the participants").click()
    expect(
        desk.get_by_text("The consultation is now: participants set")
    ).to_be_visible()
    desk.get_by_role("link", name="充电桩议事会").first.click()
    desk.get_by_role("button", name="Publish the notice").click()
    expect(desk.get_by_text("The notice is published.")).to_be_visible()

    # The supporter registers for the meeting.
    neighbour.goto(f"{live_site}/{slug}/consultations/")
    neighbour.get_by_role("link", name="地下车库增设充电桩").first.click()
    neighbour.get_by_role("link", name="充电桩议事会").first.click()
    neighbour.get_by_role("button", name="Register for this meeting").click()
    expect(neighbour.get_by_text("You are registered.")).to_be_visible()
    expect(neighbour.get_by_text("19 places left")).to_be_visible()
    expect(
        neighbour.get_by_role("link", name="Add to my calendar (.ics)")
    ).to_be_visible()
    context.close()
    committee_context.close()
