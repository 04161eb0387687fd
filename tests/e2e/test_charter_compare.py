"""An anonymous visitor compares two adopted versions of a charter, clause by clause."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]


def test_a_visitor_compares_two_versions(live_site, page, community):
    from governance.charters.services import drafting, lifecycle, votes
    from tests.factories import UserFactory
    from tests.support.actors import give_totp

    admin = give_totp(UserFactory(is_superuser=True, is_staff=True))
    today = timezone.localdate()

    def adopt(version, held, in_force):
        version = lifecycle.close_opinions(actor=admin, version=version)
        version = lifecycle.submit_for_review(actor=admin, version=version)
        version = lifecycle.pass_review(actor=admin, version=version)
        votes.record_adoption_vote(
            version,
            actor=admin,
            held_on=held,
            electorate=100,
            attendance=60,
            women=30,
            votes_for=50,
            against=5,
            abstain=5,
        )
        version.refresh_from_db()
        version = lifecycle.confirm_filing(actor=admin, version=version)
        return lifecycle.publish(actor=admin, version=version, in_force_on=in_force)

    first = drafting.start_charter(
        actor=admin,
        community=community,
        kind="residents",
        title="幸福里居民公约",
        clauses=["居民应当爱护公共设施。", "饲养宠物应当文明。", "邻里互相尊重。"],
    )
    first = adopt(
        first, today - datetime.timedelta(days=60), today - datetime.timedelta(days=50)
    )
    second = drafting.start_revision(actor=admin, charter=first.charter)
    clauses = list(second.clauses.all())
    drafting.change_clause(
        actor=admin, clause=clauses[1], text="饲养犬只应当文明，外出牵绳。"
    )
    drafting.remove_clause(actor=admin, clause=clauses[2])
    drafting.add_clause(actor=admin, version=second, text="实行垃圾分类。")
    adopt(second, today - datetime.timedelta(days=10), today)

    page.goto(f"{live_site}/accounts/language/en/?next=/xingfuli/charters/")
    page.get_by_role("link", name="幸福里居民公约").click()
    expect(page.get_by_text("实行垃圾分类。")).to_be_visible()
    page.get_by_label("Older version").select_option("1")
    page.get_by_label("Newer version").select_option("2")
    page.get_by_role("button", name="Compare").click()
    expect(
        page.get_by_role("heading", name="Compare versions of 幸福里居民公约")
    ).to_be_visible()
    expect(page.get_by_text("Clause 2: changed")).to_be_visible()
    expect(page.get_by_text("Clause 3 of the older version: removed")).to_be_visible()
    expect(page.get_by_text("Clause 3: added")).to_be_visible()
    changed = page.locator("li.change-changed")
    expect(changed.locator("del")).to_have_text("宠物")
    expect(changed.locator("ins").first).to_have_text("犬只")
