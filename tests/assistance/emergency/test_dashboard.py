"""The emergency aid section of the dashboards: the figures, their links to the
lists behind them, a fixed number of queries; and the personal-data export."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import personal_data
from assistance.emergency import section
from assistance.emergency.models import AdvanceAid, EmergencyPeriod
from assistance.standards.selectors import settings_for
from communities.models import Community, Role
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db


def _figures(scope, user):
    return {f.key: f for f in section.figures(scope, user)}


def _aids(grant, n, *, hours=2, overdue=False):
    now = timezone.now()
    aids = [
        grant(amount=Decimal("100"), reported_at=now - datetime.timedelta(hours=hours))
        for _ in range(n)
    ]
    if overdue:
        AdvanceAid.objects.filter(pk__in=[a.pk for a in aids]).update(
            paperwork_due=timezone.localdate() - datetime.timedelta(days=1)
        )
    return aids


def test_figures_count_and_link_to_the_lists(
    grant, community, other_community, supervisor, district, street
):
    _aids(grant, 2, hours=3)
    _aids(grant, 1, hours=30, overdue=True)
    EmergencyPeriod.objects.create(
        district=district, name="x", starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )  # fmt: skip
    figures = _figures(Community.objects.filter(pk=community.pk), supervisor)
    assert figures["emergency_given_year"].count == 3
    assert figures["emergency_paperwork_overdue"].count == 1
    assert figures["emergency_paperwork_on_time"].count == 0
    within = figures["emergency_within_target"]
    assert within.count == 2 and "24-hour target (2/3)" in str(within.label)
    assert figures["emergency_median_hours"].count == 3
    assert figures["emergency_periods"].count == 1
    listing = reverse("assistance:advance-aid-list", args=[community.slug])
    assert figures["emergency_paperwork_overdue"].url == f"{listing}?paperwork=overdue"
    assert figures["emergency_periods"].url == reverse(
        "assistance:emergency-periods", args=[district.slug]
    )
    # A street in view links to the street's list.
    street_figures = _figures(Community.objects.filter(street=street), supervisor)
    assert street_figures["emergency_given_year"].url.startswith(
        reverse("assistance:region-advance-aid", args=[street.slug])
    )


def test_the_districts_target_is_used(grant, community, supervisor, district):
    policy = settings_for(district)
    policy.emergency_response_hours = 2
    policy.save()
    _aids(grant, 1, hours=3)
    within = _figures(Community.objects.filter(pk=community.pk), supervisor)[
        "emergency_within_target"
    ]
    assert within.count == 0 and "2-hour" in str(within.label)


def test_no_links_for_someone_who_may_not_list(grant, community):
    _aids(grant, 1)
    committee = grant_role(Role.COMMITTEE, community=community)
    figures = section.figures(Community.objects.filter(pk=community.pk), committee)
    assert all(f.url == "" for f in figures)


def test_section_queries_are_fixed(
    grant, community, supervisor, django_assert_num_queries
):
    scope = Community.objects.filter(pk=community.pk)
    _aids(grant, 1)
    section.figures(scope, supervisor)  # warms the person's grant cache
    with django_assert_num_queries(6) as first:
        section.figures(scope, supervisor)
    _aids(grant, 4, overdue=True)
    with django_assert_num_queries(len(first.captured_queries)):
        section.figures(scope, supervisor)


def test_the_region_list_shows_the_streets_aid(signed_in, grant, officer, street):
    aid = grant()
    html = (
        signed_in(officer)
        .get(reverse("assistance:region-advance-aid", args=[street.slug]))
        .content.decode()
    )
    assert reverse("assistance:advance-aid", args=[aid.community.slug, aid.pk]) in html


def test_the_household_export_holds_its_advance_aid(grant, applicant):
    aid = grant()
    exported = personal_data.collectors()["assistance_advance_aid"](applicant)
    assert exported == [
        {
            "community": aid.community.name,
            "person_helped": aid.beneficiary_name,
            "cause": "fire",
            "amount": "1500.00",
            "what_happened": "家中失火，衣物被褥烧毁。",
            "reported_at": aid.reported_at.isoformat(),
            "granted_at": aid.granted_at.isoformat(),
            "granted_as": "coordinator",
            "under_emergency_rules": False,
            "case": aid.case.tracking_number,
            "paperwork_due": aid.paperwork_due.isoformat(),
        }
    ]
