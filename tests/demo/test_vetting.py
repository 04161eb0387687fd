"""governance.vetting.demo: a passed review for every demo 两委 member, one
candidate failing the court's check, 一肩挑 in three of the four communities, the
two-committee terms carrying the committee role; idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from communities.models import Role, RoleGrant
from governance.models import Body, ReviewResult, ReviewRound, Term
from governance.vetting import selectors

pytestmark = pytest.mark.django_db(transaction=False)


def test_each_community_has_a_closed_round_and_one_candidate_failed(seeded):
    for community in seeded:
        assert ReviewRound.objects.filter(
            community=community, closed_on__isnull=False
        ).exists()
    (failed,) = ReviewResult.objects.filter(passed=False)
    assert failed.department.name == "法院"
    assert failed.ground.name == "被列为失信被执行人"
    assert not selectors.has_passed_review(
        community=failed.candidate.review.community, person=failed.candidate.person
    )


def test_one_shoulder_in_three_of_the_four_communities(seeded):
    found = selectors.leadership(seeded.values_list("pk", flat=True))
    assert sorted(f.one_shoulder for f in found.values()) == [False, True, True, True]


def test_every_two_committee_member_holds_the_committee_role(seeded):
    terms = Term.objects.current().filter(
        body__kind__in=[Body.Kind.COMMITTEE, Body.Kind.PARTY]
    )
    assert terms.exists()
    for term in terms.select_related("body"):
        assert (
            RoleGrant.objects.active()
            .filter(
                user=term.person_id,
                role=Role.COMMITTEE,
                community=term.body.community_id,
            )
            .exists()
        )


def test_seeding_twice_adds_no_round(seeded):
    rounds = ReviewRound.objects.count()
    call_command("seed_demo", "--force", verbosity=0)
    assert ReviewRound.objects.count() == rounds
