"""Oversight dashboard journeys (issue 6 §8, issue 3 §4/§5).

- A charity project was set up months ago (time moved back while it is made, so
  from the live server's "now" time has moved forward past its report due date):
  the street officer sees the overdue report on the street dashboard and follows
  the figure to the report.
- The district officer sees on the district dashboard which communities have no
  filed charter, and follows the figure to the list of them.

The live server is another process (daphne forked before the test body), so time
is moved in this process only, while the data is made.
"""

from __future__ import annotations

import datetime
import re
import threading

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import make_person, sign_in

# Without a serialized rollback, like test_charity_journeys.py (two serialized tests
# in one file clash on content types).
pytestmark = pytest.mark.django_db(transaction=True)


def _officer(role, region, email):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import RoleGrantFactory

    person = make_person(email=email, display_name="干部")
    RoleGrantFactory(user=person, role=role, community=None, region=region)
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    return person, secret


def test_an_overdue_report_appears_on_the_street_dashboard(live_site, page, community):
    from charity.projects import services as charity_services
    from communities.models import Role
    from tests.charity.factories import OrganisationFactory, ProjectFactory
    from tests.factories import RoleGrantFactory
    from tests.support.actors import give_totp

    # Publishing notifies followers through async_to_sync, which cannot run in
    # Playwright's event-loop thread: make the data in a thread.
    def setup() -> None:
        back = timezone.now() - datetime.timedelta(days=240)
        # Made and published 240 days ago for a 90-day run; the clock then moves on to
        # today, when its final report (due 3 months after the end) is a month late.
        with time_machine.travel(back, tick=False):
            manager = give_totp(
                RoleGrantFactory(role=Role.CHARITY_MANAGER, community=community).user
            )
            organisation = OrganisationFactory(
                community=community, name="幸福里慈善会", managers=[manager]
            )
            today = timezone.localdate()
            project = ProjectFactory(
                organisation=organisation,
                title="冬季送温暖",
                starts_on=today,
                ends_on=today + datetime.timedelta(days=90),
                filed_on=today - datetime.timedelta(days=30),
            )
            charity_services.publish_project(actor=manager, project=project)

    worker = threading.Thread(target=setup)
    worker.start()
    worker.join()

    officer, secret = _officer(
        Role.STREET_OFFICER, community.street, "street.officer@example.org"
    )
    sign_in(page, live_site, officer.email, totp_secret=secret)
    page.goto(f"{live_site}/regions/{community.street.slug}/dashboard/")
    charity = page.get_by_role("region", name="Charity")
    figure = charity.get_by_role("link", name=re.compile(r"charity reports overdue"))
    expect(figure).to_contain_text("1")
    row = charity.get_by_role("row").filter(has_text=community.name)
    expect(row.get_by_role("link", name="1").first).to_be_visible()
    figure.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdue charity reports")
    report = page.get_by_role("row").filter(has_text="冬季送温暖")
    expect(report).to_contain_text("Final report")
    report.get_by_role("link", name="冬季送温暖").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("冬季送温暖")
    expect(page.get_by_text("1 report overdue")).to_be_visible()


def test_the_district_officer_sees_which_communities_have_no_filed_charter(
    live_site, page, community
):
    from communities import services as community_services
    from communities.models import Role
    from governance.charters.services import drafting, lifecycle, votes
    from tests.factories import RoleGrantFactory
    from tests.support.actors import give_totp

    made = {}

    # Charter steps notify through async_to_sync, which cannot run in Playwright's
    # event-loop thread: make the data in a thread.
    def setup() -> None:
        filed = community_services.create_community(
            street=community.street, name="和美社区", slug="hemei", kind="community"
        )
        member = give_totp(RoleGrantFactory(role=Role.COMMITTEE, community=filed).user)
        street_officer = give_totp(
            RoleGrantFactory(
                role=Role.STREET_OFFICER, community=None, region=community.street
            ).user
        )
        version = drafting.start_charter(
            actor=member,
            community=filed,
            kind="residents",
            title="和美居民公约",
            clauses=["居民应当爱护公共设施。"],
        )
        version = lifecycle.close_opinions(actor=member, version=version)
        version = lifecycle.submit_for_review(actor=member, version=version)
        version = lifecycle.pass_review(actor=street_officer, version=version)
        votes.record_adoption_vote(
            version,
            actor=member,
            held_on=None,
            electorate=100,
            attendance=60,
            women=30,
            votes_for=50,
            against=5,
            abstain=5,
        )
        version.refresh_from_db()
        version = lifecycle.confirm_filing(actor=street_officer, version=version)
        lifecycle.publish(
            actor=member, version=version, in_force_on=timezone.localdate()
        )
        made["filed"] = filed

    worker = threading.Thread(target=setup)
    worker.start()
    worker.join()
    filed = made["filed"]

    officer, secret = _officer(
        Role.DISTRICT_OFFICER, community.street.parent, "district.officer@example.org"
    )
    sign_in(page, live_site, officer.email, totp_secret=secret)
    page.goto(f"{live_site}/regions/{community.street.parent.slug}/dashboard/")
    # A district covers villages and city communities: the combined wording.
    charters = page.get_by_role(
        "region", name="Charters, village rules and residents' conventions"
    )
    without = charters.get_by_role(
        "link", name=re.compile(r"communities without a current filed charter")
    )
    expect(without).to_contain_text("1")
    # The table says which: one row per community.
    row = charters.get_by_role("row").filter(has_text=community.name)
    expect(row.locator("a[href*='/charters/without/']")).to_have_text("1")
    row = charters.get_by_role("row").filter(has_text=filed.name)
    expect(row.locator("a[href*='/charters/without/']")).to_have_text("0")
    without.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Communities without a current filed charter"
    )
    expect(page.get_by_role("link", name=community.name)).to_be_visible()
    expect(page.get_by_role("link", name=filed.name)).to_have_count(0)
