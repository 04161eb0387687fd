"""The bench's volunteering data builder, at a small scale, and the pages it measures."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.scenarios import volunteers as scenario
from volunteers.models import Shift, SignUp, VolunteerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    call_command(
        "seed_scale",
        "--communities",
        "2",
        "--residents",
        "60",
        "--no-activity",  # only the builder's shifts
        stdout=io.StringIO(),
    )
    scenario.ensure_data(shifts=100)


def test_the_builder_makes_shifts_profiles_and_a_waitlist_once(built):
    assert Shift.objects.count() == 100
    assert VolunteerProfile.objects.count() >= 12
    assert SignUp.objects.filter(status="waiting").exists()
    counts = (Shift.objects.count(), SignUp.objects.count())
    scenario.ensure_data(shifts=100)
    assert (Shift.objects.count(), SignUp.objects.count()) == counts


def test_the_measured_pages_answer_with_few_queries(built, client):
    member = scenario._bench_member()
    assert VolunteerProfile.objects.filter(user=member.user).exists()
    for path, signed_in, most in (
        (scenario._activity_list(), False, 10),
        (scenario._activity_page(), False, 10),
        (scenario._for_you(), True, 12),
    ):
        if signed_in:
            client.force_login(member.user)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, path
        assert len(captured) <= most, (path, [q["sql"] for q in captured])
