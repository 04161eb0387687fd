"""seed_scale builds district-scale data in bulk and tops up instead of duplicating."""

import pytest
from django.core.management import CommandError, call_command

from communities.models import Community, CommunityHomePage, Household, Membership

pytestmark = pytest.mark.django_db


def test_seed_scale_creates_communities_with_pages_and_verified_residents():
    call_command("seed_scale", communities=3, residents=30)
    communities = Community.objects.filter(slug__startswith="scale-")
    assert communities.count() == 3
    assert CommunityHomePage.objects.filter(community__in=communities).count() == 3
    members = Membership.objects.filter(community__in=communities)
    assert members.count() == 30
    assert set(members.values_list("status", flat=True)) == {Membership.Status.VERIFIED}
    # one representative per household, at most
    reps = members.filter(is_representative=True)
    assert reps.count() == reps.values("household").distinct().count()
    assert Household.objects.filter(community__in=communities).count() == 12


def test_running_seed_scale_again_tops_up_without_duplicates():
    call_command("seed_scale", communities=2, residents=10)
    call_command("seed_scale", communities=2, residents=10)
    assert Membership.objects.filter(community__slug__startswith="scale-").count() == 10
    call_command("seed_scale", communities=2, residents=16)
    assert Membership.objects.filter(community__slug__startswith="scale-").count() == 16


def test_seed_scale_refuses_nonsense_numbers():
    with pytest.raises(CommandError):
        call_command("seed_scale", communities=0, residents=10)
