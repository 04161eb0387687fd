"""A street officer finds an overdue disclosure and an escalated objection of their
community, after the daily job ran past the due dates."""

from __future__ import annotations

import datetime
import threading

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import make_person, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_street_officer_sees_overdue_items_and_escalated_objections(
    live_site, page, community
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from communities.models import Membership, Role
    from governance.disclosures.services import objections, schedule
    from governance.models import Objection
    from tests.factories import MembershipFactory, RoleGrantFactory
    from tests.support.governance_disclosures import add_disclosure

    officer = make_person(email="jie.dao@example.org", display_name="街道干部")
    RoleGrantFactory(
        user=officer, role=Role.STREET_OFFICER, region=community.street, community=None
    )
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)
    resident = MembershipFactory(
        community=community,
        household__community=community,
        status=Membership.Status.VERIFIED,
    ).user

    # A quarter ended long enough ago that its items are overdue; a question filed
    # then was never answered. The daily job runs.
    # Notifications push to open pages through async_to_sync, which cannot run in
    # Playwright's event-loop thread: do the server-side steps in a thread.
    today = datetime.date.today()  # noqa: DTZ011 - the server's date
    made = {}

    def setup() -> None:
        schedule.create_due_items(today - datetime.timedelta(days=100))
        disclosure = add_disclosure(community, title="便民服务事项公开")
        objection = objections.file_objection(
            actor=resident, page=disclosure, text="请问办理时间有变化吗"
        )
        Objection.objects.filter(pk=objection.pk).update(
            answer_due_on=today - datetime.timedelta(days=2)
        )
        schedule.run_daily(today)
        made["objection"] = objection

    worker = threading.Thread(target=setup)
    worker.start()
    worker.join()
    objection = made["objection"]

    sign_in(page, live_site, officer.email, totp_secret=secret)
    page.goto(f"{live_site}/oversight/disclosures/overdue/?community={community.pk}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Overdue")
    expect(page.get_by_role("row", name="Party affairs").first).to_be_visible()
    page.goto(f"{live_site}/oversight/escalated-objections/")
    expect(page.get_by_role("link", name=objection.tracking_number)).to_be_visible()
