"""volunteers.demo.seed (through seed_demo): teams, activities, a waitlist, a minor."""

import pytest
from django.core.management import call_command

from accounts.models import User
from notifications.models import Notification
from volunteers.matching import selectors as matching
from volunteers.models import Activity, Shift, SignUp, Team, VolunteerProfile

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        model.objects.count()
        for model in (Team, Activity, Shift, SignUp, VolunteerProfile, Notification)
    )


def test_the_demo_has_teams_with_coordinators(seeded):
    teams = Team.objects.all()
    assert teams.count() >= 2
    assert all(team.coordinators.exists() for team in teams)


def test_the_demo_has_past_and_upcoming_activities_one_full_with_a_waitlist(seeded):
    assert Activity.objects.published().count() >= 4
    assert Activity.objects.filter(status=Activity.Status.DRAFT).exists()
    assert Shift.objects.upcoming().exists()
    assert Shift.objects.exclude(pk__in=Shift.objects.upcoming()).exists()
    full = [s for s in Shift.objects.upcoming().with_counts() if s.places_left == 0]
    assert full and any(s.waiting_count for s in full)
    assert Notification.objects.filter(kind="volunteers.moved_up").count() == 1


def test_the_demo_minor_is_active_through_guardian_consent(seeded):
    minor = VolunteerProfile.objects.get(user__email="volunteer-minor@demo.gongzhi.cn")
    assert minor.needs_guardian_consent
    assert minor.has_guardian_consent and minor.is_active
    assert SignUp.objects.filter(volunteer=minor.user).exists()


def test_the_demo_resident_has_suggestions_for_them(seeded):
    person = User.objects.get(email="resident@demo.gongzhi.cn")
    matches = matching.suggestions_for(person).matches
    assert matches
    assert "matches your skill 助老" in matches[0].volunteer_reasons


def test_seeding_twice_changes_nothing(seeded):
    first = _counts()
    call_command("seed_demo", "--force", verbosity=0)
    assert _counts() == first
