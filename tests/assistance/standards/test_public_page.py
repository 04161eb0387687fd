"""The public standards page: every district's current and past standards, the
derived 特困 and 低收入 amounts, the temporary limit and the household table."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from assistance.standards.models import AssistanceSettings, Standard
from communities.regions.services import ensure_portal
from tests.factories import RegionFactory

from .conftest import TODAY

pytestmark = pytest.mark.django_db
URL = "/assistance/standards/"


def _standard(district, amount, days_ago, area="urban", **extra):
    return Standard.objects.create(
        district=district,
        area=area,
        monthly_amount=Decimal(amount),
        effective_from=TODAY - datetime.timedelta(days=days_ago),
        **extra,
    )


def test_the_url_name():
    assert reverse("assistance:standards") == URL


def test_current_standard_derived_amounts_and_household_lines(client, place):
    district = place["district"]
    _standard(district, "1000", 400)
    _standard(district, "1200", 10, special_hardship_ratio=Decimal("1.3"))
    _standard(district, "900", 30, area="rural")
    AssistanceSettings.objects.create(district=district, temporary_limit_months=3)
    html = client.get(URL).content.decode()
    assert district.name in html
    assert "1200.00 yuan, since" in html
    assert "1560.00 yuan (1.30 times" in html  # 特困 = 1.3 × 1200
    assert "1800.00 yuan (1.50 times" in html  # 低收入 = 1.5 × 1200
    assert "3600.0" in html  # temporary limit: 3 months
    assert "<td>7200.00</td>" in html  # household of 6 × 1200
    assert "<td>5400.00</td>" in html  # rural household of 6 × 900
    assert "Past standards" in html and "1000.00" in html


def test_a_future_standard_is_announced_not_applied(client, place):
    _standard(place["district"], "1000", 30)
    _standard(place["district"], "1100", -20)
    html = client.get(URL).content.decode()
    assert "1000.00 yuan, since" in html
    assert "1100.00 yuan per person per month" in html


def test_a_district_without_standards_says_so(client, place):
    html = client.get(URL).content.decode()
    assert "No standard has been published yet." in html


def test_no_personal_data_and_anonymous_page_is_cached(client, place):
    _standard(place["district"], "1000", 3)
    first = client.get(URL)
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert client.get(URL)["X-Page-Cache"] == "hit"
    # A new standard retires the cached page.
    _standard(place["district"], "1300", 1)
    assert "1300.00" in client.get(URL).content.decode()


def test_query_count_does_not_grow_with_districts(
    client, place, user, django_assert_max_num_queries
):
    client.force_login(user)  # signed in: never served from the page cache
    _standard(place["district"], "1000", 3)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    for index in range(4):
        other = RegionFactory(slug=f"d{index}", name=f"区{index}")
        for days in (3, 300, 600):
            _standard(other, "1000", days)
            _standard(other, "800", days, area="rural")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_the_portal_links_the_standards_page(client, place):
    ensure_portal()
    assert URL in client.get("/").content.decode()
