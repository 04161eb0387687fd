"""The assistance bench scenarios answer over the demo data, as the users the
harness signs in, and the 2,000-case list renders in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assistance.cases.models import Case
from bench.scenarios import assistance as scenario
from communities.models import Membership

pytestmark = pytest.mark.django_db(transaction=False)


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def test_the_anonymous_pages_answer(seeded, client):
    for bench in scenario.SCENARIOS:
        if not bench.signed_in:
            assert client.get(bench.path()).status_code == 200, bench.name


def test_the_case_list_of_2000_cases_in_fixed_queries(seeded):
    path = scenario._case_list()
    community = scenario._community()
    assert scenario._case_list() == path  # idempotent
    assert Case.objects.filter(community=community).count() >= scenario.CASES
    coordinator = scenario._coordinator()
    assert scenario._coordinator() == coordinator
    client = Client()
    client.force_login(coordinator)
    many = _queries(client, path)
    Case.objects.filter(service_point=scenario.MARKER, applicant=None).delete()
    few = _queries(client, path)
    assert many <= few <= 15, (many, few)


def test_my_applications_lists_the_residents_cases(seeded):
    path = scenario._my_cases()
    resident = Membership.objects.verified().order_by("pk").first().user
    assert Case.objects.filter(applicant=resident).count() >= scenario.MINE
    client = Client()
    client.force_login(resident)
    assert _queries(client, path) <= 15
