"""governance.demo.seed: bodies, people in office and notices; idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from governance.bodies import selectors
from governance.models import (
    Body,
    DisclosurePage,
    DisclosureVersion,
    DueItem,
    NoticePage,
    Objection,
    Position,
    Term,
)

pytestmark = pytest.mark.django_db(transaction=False)


def test_each_demo_community_has_a_complete_supervision_committee(seeded):
    for community in seeded:
        rosters = selectors.rosters(community)
        supervision = next(r for r in rosters if r.body.is_supervision)
        assert len(supervision.terms) == 3
        assert supervision.chairs == 1
        assert supervision.warnings == []
        assert selectors.cross_held(rosters)


def test_each_demo_community_has_notices_one_of_them_pinned(seeded):
    for community in seeded:
        notices = NoticePage.objects.live().descendant_of(community.home_page)
        assert notices.count() == 3
        assert notices.filter(pinned=True).count() == 1


def test_seeding_twice_changes_nothing(seeded):
    counts = (Body.objects.count(), Term.objects.count(), NoticePage.objects.count())
    call_command("seed_demo", "--force", verbosity=0)
    assert (
        Body.objects.count(),
        Term.objects.count(),
        NoticePage.objects.count(),
    ) == counts
    assert Term.objects.filter(position=Position.SECRETARY).count() == seeded.count()


def test_each_demo_community_has_a_year_of_disclosures(seeded):
    for community in seeded:
        pages = DisclosurePage.objects.live().descendant_of(community.home_page)
        assert pages.count() >= 12
        items = DueItem.objects.filter(community=community)
        assert items.filter(fulfilled_at__isnull=True).count() == 1
        assert any(item.on_time for item in items)
        assert any(item.fulfilled_at and not item.on_time for item in items)
        assert (
            DisclosureVersion.objects.filter(page__in=pages, number=2)
            .exclude(correction_note="")
            .exists()
        )
        objections = Objection.objects.filter(community=community)
        assert objections.filter(status="answered").exists()
        assert objections.filter(status="open").exists()


def test_seeding_twice_adds_no_disclosures(seeded):
    counts = (DisclosurePage.objects.count(), Objection.objects.count())
    call_command("seed_demo", "--force", verbosity=0)
    assert (DisclosurePage.objects.count(), Objection.objects.count()) == counts
