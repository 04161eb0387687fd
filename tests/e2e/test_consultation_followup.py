"""Minutes are confirmed, a follow-up update reaches its follower, the result is rated.

The consultation is brought up to a held meeting with a closed vote through the
services in the test process; everything after that happens in two browsers: the
committee member's and a resident's who took part in the meeting.
"""

from __future__ import annotations

import datetime
import re
import threading

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communities.models import Membership
from consultation.meetings import services as meeting_services
from consultation.models import Meeting, Participant
from consultation.topics import services as topic_services
from consultation.votes import services as vote_services
from tests.e2e.conftest import (
    label,
    make_committee_member,
    make_person,
    other_browser,
    sign_in,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _resident(community, email, name):
    person = make_person(email=email, display_name=name)
    MembershipFactory(
        user=person,
        community=community,
        household__community=community,
        status=Membership.Status.VERIFIED,
        is_adult=True,
    )
    return person


def _held_meeting(community, committee, participant, voters):
    consultation = topic_services.open_topic(
        actor=committee,
        community=community,
        title="增设充电桩",
        description="在3号楼旁增设电动自行车充电桩",
    )
    topic_services.accept(actor=committee, consultation=consultation)
    starts = timezone.now() + datetime.timedelta(days=5)
    meeting = meeting_services.schedule_meeting(
        actor=committee,
        consultation=consultation,
        title="充电桩议事会",
        form=Meeting.Form.DELIBERATION,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="社区活动室",
    )
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind=Participant.Kind.AFFECTED, name="3号楼"
    )
    meeting_services.invite_participant(
        actor=committee,
        meeting=meeting,
        kind=Participant.Kind.RESIDENT,
        user=participant,
    )
    topic_services.set_participants(actor=committee, consultation=consultation)
    meeting_services.publish_notice(actor=committee, meeting=meeting)
    item = meeting_services.add_agenda_item(
        actor=committee, meeting=meeting, title="选址"
    )
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="同意在3号楼旁增设充电桩"
    )
    # The meeting took place an hour ago (the notice went out in time before).
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now - datetime.timedelta(hours=1),
    )
    meeting.refresh_from_db()
    meeting_services.mark_held(actor=committee, meeting=meeting)
    vote_services.open_vote(actor=committee, motion=motion)
    option = motion.options.get(code="for")
    for person in voters:
        vote_services.cast_ballot(user=person, motion=motion, option_ids=[option.pk])
    vote_services.close_vote(actor=committee, motion=motion)
    return meeting


def _in_thread(function, *args):
    """Run setup code that notifies people outside Playwright's event loop thread
    (notify pushes through async_to_sync, which refuses to run inside a loop)."""
    result, errors = [], []

    def run():
        from django.db import connection
        from django.utils import translation

        try:
            with translation.override("en"):
                result.append(function(*args))
        except Exception as error:  # re-raised in the test thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


def test_minutes_confirmed_update_followed_and_result_rated(
    live_site, page, browser, community
):
    committee, secret = make_committee_member(
        community, email="chen.hui@example.org", display_name="陈辉"
    )
    resident = _resident(community, "li.na@example.org", "李娜")
    neighbour = _resident(community, "wang.qiang@example.org", "王强")
    _resident(community, "zhao.min@example.org", "赵敏")
    meeting = _in_thread(
        _held_meeting, community, committee, resident, [resident, neighbour]
    )
    base = f"{live_site}/{community.slug}/consultations"

    # The committee reads the drafted minutes and sends them for confirmation.
    sign_in(page, live_site, committee.email, totp_secret=secret)
    page.goto(f"{base}/meetings/{meeting.pk}/minutes/")
    expect(page.get_by_text("Adopted: 同意在3号楼旁增设充电桩").first).to_be_visible()
    expect(
        page.get_by_text(re.compile("Electorate 3, turnout 2")).first
    ).to_be_visible()
    page.get_by_role("button", name="Ask the participants to confirm").click()
    expect(page.get_by_text("The participants are asked to confirm.")).to_be_visible()

    # The resident who took part confirms them; the resolution is adopted.
    context = other_browser(browser)
    mine = context.new_page()
    sign_in(mine, live_site, resident.email)
    mine.goto(f"{base}/meetings/{meeting.pk}/minutes/")
    mine.get_by_role("button", name="I confirm these minutes").click()
    expect(
        mine.get_by_text(
            "Thank you. The minutes are confirmed and the resolution adopted."
        )
    ).to_be_visible()
    confirmed = mine.get_by_role("region", name="Confirmed by")
    expect(confirmed.get_by_text(re.compile("^李娜"))).to_be_visible()
    expect(mine.get_by_role("button", name="I confirm these minutes")).to_have_count(0)

    # The committee adds a follow-up item to the resolution.
    page.reload()
    page.get_by_role("link", name="Resolution of 充电桩议事会").click()
    page.get_by_role("link", name="Add a follow-up item").click()
    page.get_by_role("textbox", name=label("Task")).fill("安装充电桩")
    page.get_by_role("textbox", name=label("Or owner (unit)")).fill("物业服务中心")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="安装充电桩")).to_be_visible()
    item_url = page.url

    # The resident follows it ...
    mine.goto(item_url)
    mine.get_by_role("button", name="Follow this item").click()
    expect(mine.get_by_text("You will be told of each update.")).to_be_visible()

    # ... the committee reports progress ...
    page.get_by_role("textbox", name=label("Progress")).fill("已完成选址，设备已下单。")
    page.get_by_role("button", name="Post the update").click()
    expect(
        page.get_by_text("The update is posted; followers are told.")
    ).to_be_visible()

    # ... and the update arrives in the resident's notifications.
    mine.get_by_role("link", name=re.compile("Notifications")).click()
    mine.get_by_role("link", name="Progress on 安装充电桩").click()
    expect(mine.get_by_text("已完成选址，设备已下单。")).to_be_visible()

    # The committee closes the item with its final report; the resident rates it.
    page.reload()
    page.get_by_role("textbox", name=label("Final report")).fill(
        "8个充电口已安装并通过验收。"
    )
    page.get_by_role("button", name="Close the item").click()
    expect(page.get_by_role("heading", name="Final report")).to_be_visible()

    mine.reload()
    ratings = mine.get_by_role("region", name="Residents' ratings")
    ratings.get_by_role("radio", name="4").check()
    ratings.get_by_role("textbox", name=label("Comment")).fill("充电方便多了。")
    ratings.get_by_role("button", name="Send my rating").click()
    expect(mine.get_by_text("Thank you for your rating.")).to_be_visible()
    expect(mine.get_by_text("4 / 5", exact=True)).to_be_visible()
    expect(mine.get_by_text(re.compile("充电方便多了"))).to_be_visible()
    expect(mine.get_by_role("button", name="Send my rating")).to_have_count(0)

    # The consultation page shows the whole chain with the rating.
    mine.goto(f"{base}/{meeting.consultation_id}/")
    chain = mine.get_by_role("region", name="From suggestion to closure")
    expect(chain.get_by_role("link", name="安装充电桩")).to_be_visible()
    expect(chain.get_by_text("物业服务中心")).to_be_visible()
    expect(chain.get_by_text(re.compile(r"4\.0 / 5 \(1 rating\)"))).to_be_visible()
    context.close()
