"""At a live meeting two residents check in (one by the projector's QR code, one by
name at the door), see the same agenda item pushed to their phones, vote, and see the
same tally, which the committee's control page and the projector show too."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultation.live import tokens as live_tokens
from consultation.votes import services as vote_services
from tests.e2e.conftest import (
    make_committee_member,
    make_person,
    other_browser,
    sign_in,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _resident(community, n, **kwargs):
    from communities.models import Membership
    from tests.factories import HouseholdFactory

    person = make_person(**kwargs)
    Membership.objects.create(
        user=person,
        community=community,
        household=HouseholdFactory(community=community, building="3", room=str(n)),
        status=Membership.Status.VERIFIED,
    )
    return person


def _meeting(community, committee, people):
    from consultation.models import Participant
    from tests.consultation.factories import (
        AgendaItemFactory,
        ConsultationFactory,
        MeetingFactory,
    )

    now = timezone.now()
    meeting = MeetingFactory(
        consultation=ConsultationFactory(
            community=community, state="notice_published", title="地下车库充电桩"
        ),
        title="充电桩议事会",
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=2),
        notice_published_at=now - datetime.timedelta(days=5),
    )
    AgendaItemFactory(meeting=meeting, position=1, title="开场")
    item = AgendaItemFactory(meeting=meeting, position=2, title="增设充电桩")
    for person in people:
        Participant.objects.create(
            meeting=meeting, user=person, kind="resident", how="registered"
        )
    vote_services.create_motion(
        actor=committee,
        agenda_item=item,
        title="是否同意增设充电桩",
        electorate="participants",
    )
    return meeting


def _tally(page):
    return page.locator("[data-live='tally'] tr").first.locator("td")


def test_two_phones_check_in_follow_the_item_vote_and_see_one_tally(
    live_site, page, browser, community
):

    li = _resident(community, 101, email="li.na@example.org", display_name="李娜")
    wang = _resident(
        community, 102, email="wang.qiang@example.org", display_name="王强"
    )
    committee, secret = make_committee_member(community, email="chen.hui@example.org")
    meeting = _meeting(community, committee, [li, wang])
    base = f"{live_site}/{community.slug}/consultations/meetings/{meeting.pk}"

    # The committee opens the control page from the meeting page.
    sign_in(page, live_site, committee.email, totp_secret=secret)
    page.goto(f"{base}/")
    page.get_by_role("link", name="Run the meeting live").click()
    expect(page.get_by_role("heading", name="Run the meeting")).to_be_visible()
    expect(page.get_by_role("img", name="Check-in QR code")).to_be_visible()
    expect(page.locator("[data-live='connection']")).to_have_text("live")

    # Li scans the code on the projector: her phone opens the check-in link.
    phone_a = other_browser(browser).new_page()
    sign_in(phone_a, live_site, li.email)
    phone_a.goto(live_site + live_tokens.checkin_url(meeting))
    phone_a.get_by_role("button", name="Check me in").click()
    expect(phone_a.get_by_text("You are checked in. Welcome!")).to_be_visible()
    # The control page's attendance counter moved without a reload.
    expect(page.locator("[data-live='present']")).to_have_text("1")

    # Wang has no phone at hand: the committee checks him in by name.
    page.get_by_role("button", name="Check in 王强").click()
    expect(page.get_by_text("王强 is checked in.")).to_be_visible()
    phone_b = other_browser(browser).new_page()
    sign_in(phone_b, live_site, wang.email)
    phone_b.goto(f"{base}/live/")
    expect(phone_b.get_by_text("You are checked in.")).to_be_visible()
    for phone in (phone_a, phone_b):
        expect(phone.locator("[data-live='connection']")).to_have_text("live")
        expect(phone.locator("[data-live='present']")).to_have_text("2")

    # The committee puts item 2 on the screens: both phones show it, no reload.
    page.get_by_label("Agenda item", exact=True).select_option(label="2. 增设充电桩")
    page.get_by_role("button", name="Show this item").click()
    for phone in (phone_a, phone_b):
        expect(phone.locator("[data-live='item-title']")).to_have_text("2. 增设充电桩")

    # Wang asks to speak; the queue shows him on every screen.
    phone_b.get_by_role("button", name="Raise my hand to speak").click()
    expect(phone_a.locator("[data-live='queue']")).to_contain_text("王强")
    page.get_by_role("button", name="Call the next speaker").click()
    expect(phone_b.get_by_text("It is your turn to speak.")).to_be_visible()

    # The vote opens: the ballot appears on both phones.
    page.get_by_role("button", name=re.compile("^Open the vote")).click()
    expect(page.get_by_text("The vote is open.")).to_be_visible()
    for phone in (phone_a, phone_b):
        form = phone.locator("[data-live='vote-form']")
        expect(form).to_be_visible()

    # Li votes "for"; Wang's phone sees the tally move without a reload.
    phone_a.locator("[data-live='vote-form'] input[name='option']").first.check()
    phone_a.get_by_role("button", name="Cast my vote").click()
    expect(phone_a.get_by_text("Your vote is recorded.").first).to_be_visible()
    expect(_tally(phone_b)).to_have_text("1")
    expect(phone_b.locator("[data-live='turnout']")).to_have_text("1")

    # Wang votes "for" as well: all three screens show the same tally.
    phone_b.locator("[data-live='vote-form'] input[name='option']").first.check()
    phone_b.get_by_role("button", name="Cast my vote").click()
    for screen in (phone_a, phone_b, page):
        expect(_tally(screen)).to_have_text("2")
        expect(screen.locator("[data-live='turnout']")).to_have_text("2")

    # The committee closes the vote; the projector (secret link) shows the result.
    page.get_by_role("button", name=re.compile("^Close the vote")).click()
    expect(page.get_by_text("The vote is closed.")).to_be_visible()
    projector = other_browser(browser).new_page()
    projector.goto(f"{live_site}{live_projector_path(meeting)}")
    expect(projector.locator("[data-live='item-title']")).to_have_text("2. 增设充电桩")
    expect(_tally(projector)).to_have_text("2")
    for phone in (phone_a, phone_b):
        expect(phone.locator("[data-live='outcome']")).to_contain_text("passed")


def live_projector_path(meeting) -> str:
    from django.urls import reverse

    path = reverse(
        "consultation:live-projector", args=[meeting.community.slug, meeting.pk]
    )
    return f"{path}?key={live_tokens.projector_key(meeting)}"
