"""Lists inside a detail page go a page at a time (issue 16), and what a person
does on a later page brings them back to it: a comment posted under a long
discussion lands on the discussion's last page; a sign-up for a shift on an
activity's second page of shifts comes back to that page, at the shift's row.

Pages hold 3 rows here (`small_pages`, patched before the server process forks)
so that a second page needs only a few rows."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import make_committee_member, make_person, sign_in
from tests.support.pagination import PER_PAGE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def small_pages(monkeypatch):
    from communities import pagination

    monkeypatch.setattr(pagination, "PER_PAGE", PER_PAGE)


def _resident(community, **kwargs):
    from communities.models import Membership
    from tests.factories import HouseholdFactory

    person = make_person(**kwargs)
    Membership.objects.create(
        user=person,
        community=community,
        household=HouseholdFactory(community=community, building="3", room="201"),
        status=Membership.Status.VERIFIED,
    )
    return person


def _pager(page, name):
    return page.get_by_role("navigation", name=name)


def test_a_comment_under_a_long_discussion_lands_on_its_last_page(
    small_pages, live_site, page, community
):
    from consultation.models import Comment
    from consultation.topics import services as topic_services

    committee, _secret = make_committee_member(community)  # acts with TOTP
    topic = topic_services.open_topic(
        actor=committee, community=community, title="楼道堆物清理", description="讨论"
    )
    Comment.objects.bulk_create(
        Comment(consultation=topic, author=committee, body=f"第{n}条意见")
        for n in range(1, PER_PAGE + 2)
    )
    resident = _resident(community, email="zhao.min@example.org", display_name="赵敏")

    sign_in(page, live_site, resident.email)
    page.goto(f"{live_site}/{community.slug}/consultations/")
    page.get_by_role("link", name="楼道堆物清理").first.click()
    pager = _pager(page, "Pages of the discussion")
    expect(pager).to_contain_text("Page 1 of 2")
    expect(page.get_by_text("第1条意见")).to_be_visible()
    expect(page.get_by_text(f"第{PER_PAGE + 1}条意见")).to_have_count(0)

    page.get_by_label("Your comment").fill("建议每月集中清理一次。")
    page.get_by_role("button", name="Post comment").click()
    expect(page).to_have_url(re.compile(r"\?discussion=2#comment-\d+$"))
    expect(page.get_by_text("建议每月集中清理一次。")).to_be_visible()
    expect(page.get_by_text(f"第{PER_PAGE + 1}条意见")).to_be_visible()
    expect(pager).to_contain_text("Page 2 of 2")

    pager.get_by_role("link", name="Previous").click()
    expect(page.get_by_text("第1条意见")).to_be_visible()
    expect(page.get_by_text("建议每月集中清理一次。")).to_have_count(0)


def test_a_sign_up_on_the_second_page_of_shifts_comes_back_to_it(
    small_pages, live_site, page, community
):
    from tests.volunteers.factories import (
        ActivityFactory,
        ShiftFactory,
        VolunteerProfileFactory,
    )
    from volunteers.models import SignUp

    activity = ActivityFactory(community=community, title="周末敬老探访")
    # The factory's shifts start one after another: the last is alone on page 2.
    last = ShiftFactory.create_batch(PER_PAGE + 1, activity=activity)[-1]
    volunteer = _resident(community, email="sun.li@example.org", display_name="孙丽")
    VolunteerProfileFactory(user=volunteer)

    sign_in(page, live_site, volunteer.email)
    page.goto(f"{live_site}/{community.slug}/volunteering/")
    page.get_by_role("link", name="周末敬老探访").first.click()
    pager = _pager(page, "Pages of shifts")
    expect(pager).to_contain_text("Page 1 of 2")
    expect(page.locator(f"#shift-{last.pk}")).to_have_count(0)

    pager.get_by_role("link", name="Next").click()
    row = page.locator(f"#shift-{last.pk}")
    row.get_by_role("button", name=re.compile("^Sign up for")).click()
    expect(page.get_by_text("You have a place on this shift.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"\?page=2#shift-{last.pk}$"))
    expect(
        row.get_by_role("link", name=re.compile("^Cancel my sign-up"))
    ).to_be_visible()
    assert SignUp.objects.get(shift=last).volunteer == volunteer
