"""Volunteering journeys: a profile leads to a suggested shift whose places drop live
in another browser; a full shift's waitlist moves up when someone cancels."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import label, make_person, other_browser, sign_in

# Two journeys in one module: a serialized rollback between them would restore rows
# whose content types the first flush recreated under other ids. Restore the
# migrated data once after the module instead (as tests/volunteers/test_live_places).
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("restore_migrated_data"),
]


def _next_saturday_nine() -> datetime.datetime:
    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=3)
    day += datetime.timedelta(days=(5 - day.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _shift(community, *, capacity: int, title: str):
    from tests.volunteers.factories import ActivityFactory, ShiftFactory, SkillFactory

    activity = ActivityFactory(community=community, title=title, place="3号楼活动室")
    activity.required_skills.add(SkillFactory(name="助老"))
    start = _next_saturday_nine()
    return ShiftFactory(
        activity=activity,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=capacity,
    )


def _resident(community, email: str, name: str, *, profile: bool):
    from tests.factories import MembershipFactory
    from tests.volunteers.factories import VolunteerProfileFactory

    person = make_person(email=email, display_name=name)
    MembershipFactory(user=person, community=community, household__community=community)
    if profile:
        VolunteerProfileFactory(user=person)
    return person


def test_a_volunteer_completes_a_profile_finds_a_suggested_shift_and_signs_up_live(
    live_site, page, browser, community
):
    shift = _shift(community, capacity=2, title="周六探访独居老人")
    volunteer = _resident(community, "lan@example.org", "兰姐", profile=False)

    # A neighbour (anonymous) has the activity page open in another browser.
    watcher_context = other_browser(browser)
    watcher = watcher_context.new_page()
    activity_url = (
        f"{live_site}/{community.slug}/volunteering/activities/{shift.activity.pk}/"
    )
    watcher.goto(activity_url)
    places = watcher.locator(f"[data-places-left='{shift.pk}']")
    expect(places).to_have_text("2")

    # The volunteer completes their profile.
    sign_in(page, live_site, volunteer.email)
    page.goto(live_site + "/volunteering/profile/")
    page.get_by_label(label("Date of birth")).fill("1990-05-01")
    page.get_by_label(label("Emergency contact name")).fill("李四")
    page.get_by_label(label("Emergency contact phone")).fill("13800000000")
    page.get_by_label("助老").check()
    page.get_by_label(label("Service areas")).fill("3号楼")
    page.get_by_label("Saturday morning").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your volunteer profile is saved.")).to_be_visible()

    # "For you" suggests the shift and says why.
    page.get_by_role("link", name="Shifts for you").first.click()
    expect(page.get_by_role("heading", level=1, name="Shifts for you")).to_be_visible()
    card = page.get_by_role("listitem").filter(has_text="周六探访独居老人")
    expect(card.get_by_text("matches your skill 助老")).to_be_visible()
    expect(card.get_by_text("you are free Saturday morning")).to_be_visible()
    expect(card.get_by_text("in your service area (3号楼)")).to_be_visible()
    expect(card.get_by_text("2 places left")).to_be_visible()
    card.get_by_role("link", name="周六探访独居老人").click()

    # They sign up; the neighbour's open page drops to one place, without a reload.
    watcher.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name=re.compile("^Sign up for ")).click()
    expect(page.get_by_text("You have a place on this shift.")).to_be_visible()
    expect(places).to_have_text("1")
    assert watcher.evaluate("window.stillTheSamePage === true")
    watcher_context.close()


def test_a_full_shift_waitlists_the_next_person_and_a_cancellation_moves_them_up(
    live_site, page, browser, community
):
    shift = _shift(community, capacity=1, title="社区环境清洁日")
    first = _resident(community, "first@example.org", "先到者", profile=True)
    second = _resident(community, "second@example.org", "后来者", profile=True)
    activity_url = (
        f"{live_site}/{community.slug}/volunteering/activities/{shift.activity.pk}/"
    )

    # The first person takes the only place.
    sign_in(page, live_site, first.email)
    page.goto(activity_url)
    page.get_by_role("button", name=re.compile("^Sign up for ")).click()
    expect(page.get_by_text("You have a place on this shift.")).to_be_visible()

    # The second person finds it full and joins the waitlist.
    second_context = other_browser(browser)
    other = second_context.new_page()
    sign_in(other, live_site, second.email)
    other.goto(activity_url)
    expect(other.locator(f"[data-places-left='{shift.pk}']")).to_have_text("0")
    other.get_by_role("button", name=re.compile("^Join the waitlist for ")).click()
    expect(other.get_by_text("you are on the waitlist")).to_be_visible()
    expect(
        other.get_by_role("cell", name=re.compile("On the waitlist"))
    ).to_be_visible()
    badge = other.get_by_role("link", name=re.compile("Notifications")).locator(
        "[data-unread-count]"
    )
    expect(badge).to_have_text("0")
    expect(other.locator("html")).to_have_attribute("data-ws", "open")

    # The first person cancels: the second moves up and is told at once.
    page.get_by_role("link", name=re.compile("^Cancel my sign-up for ")).click()
    expect(
        page.get_by_role("heading", level=1, name="Cancel your sign-up?")
    ).to_be_visible()
    page.get_by_role("button", name="Yes, cancel my sign-up").click()
    expect(page.get_by_text("Your sign-up is cancelled.")).to_be_visible()
    expect(badge).to_have_text("1")
    other.get_by_role("link", name=re.compile("Notifications")).click()
    expect(
        other.get_by_role("link", name="You have a place on 社区环境清洁日")
    ).to_be_visible()
    other.goto(activity_url)
    expect(other.get_by_role("cell", name=re.compile("Confirmed"))).to_be_visible()
    second_context.close()


def test_a_coordinator_invites_a_suggested_volunteer_who_signs_up_from_the_link(
    live_site, page, browser, community
):
    from communities.models import Role
    from tests.factories import RoleGrantFactory

    shift = _shift(community, capacity=3, title="周六探访独居老人")
    coordinator = make_person(email="coord@example.org", display_name="王协调")
    RoleGrantFactory(user=coordinator, role=Role.COORDINATOR, community=community)
    volunteer = _resident(community, "helper@example.org", "热心人", profile=True)
    volunteer.volunteer_profile.skills.set(shift.activity.required_skills.all())

    # The coordinator opens the shift's suggestions and invites the volunteer.
    sign_in(page, live_site, coordinator.email)
    page.goto(
        f"{live_site}/{community.slug}/volunteering/activities/{shift.activity.pk}/"
    )
    page.get_by_role("link", name="Suggested volunteers").click()
    row = page.get_by_role("row").filter(has_text="热心人")
    expect(row.get_by_text("has the skill 助老")).to_be_visible()
    row.get_by_role("button", name="Invite 热心人").click()
    expect(page.get_by_text("热心人 has been invited.")).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text="not answered yet")
    ).to_be_visible()

    # The volunteer follows the notification's link and takes the place in one click.
    context = other_browser(browser)
    other = context.new_page()
    sign_in(other, live_site, volunteer.email)
    other.get_by_role("link", name=re.compile("Notifications")).click()
    other.get_by_role(
        "link", name="You are invited to volunteer: 周六探访独居老人"
    ).click()
    expect(other.get_by_text("matches your skill 助老")).to_be_visible()
    other.get_by_role("button", name="Take a place on this shift").click()
    expect(other.get_by_text("You have a place on this shift.")).to_be_visible()
    expect(other.locator(f"[data-places-left='{shift.pk}']")).to_have_text("2")
    context.close()

    page.reload()
    expect(page.get_by_role("listitem").filter(has_text="accepted")).to_be_visible()


def test_a_first_time_volunteer_signs_up_with_the_short_form_on_a_phone(
    live_site, page, community
):
    """Community home → volunteering → the activity → sign up: the short form
    (date of birth, an emergency contact), then back on the shift with a place."""
    from volunteers.models import SignUp

    shift = _shift(community, capacity=2, title="周六探访独居老人")
    person = _resident(community, "zhao.lei@example.org", "赵磊", profile=False)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_site, person.email)
    page.goto(f"{live_site}/{community.slug}/volunteering/")
    taps = 0
    page.get_by_role("link", name="周六探访独居老人").first.click()
    taps += 1
    page.get_by_role("link", name=re.compile(r"^Sign up for ")).click()
    taps += 1
    page.get_by_label(label("Date of birth")).fill("1990-05-01")
    page.get_by_label(label("Emergency contact name")).fill("赵敏")
    page.get_by_label(label("Emergency contact phone")).fill("13800000000")
    page.get_by_role("button", name="Sign up for this shift").click()
    taps += 1
    expect(page.get_by_text("You have a place on this shift.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="周六探访独居老人", level=1)
    ).to_be_visible()
    assert taps <= 4
    assert SignUp.objects.get(volunteer=person, shift=shift).status == "confirmed"
