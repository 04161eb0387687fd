"""The dashboard section `assistance_staged` (figures link to the community's
lists; a fixed number of queries), the work-list section, the list page and the
household's personal-data export."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from assistance.followup import services as following
from assistance.followup.models import FollowUpKind
from assistance.instalments import section, services
from assistance.instalments.models import Instalment
from communities.models import Community
from tests.assistance.instalments.conftest import rows

pytestmark = pytest.mark.django_db


def _world(make_case, officer, coordinator, count=1):
    """`count` staged cases: one instalment released today (on time), one
    overdue, one due in 30 days; and a follow-up item overdue on each."""
    today = timezone.localdate()
    for _n in range(count):
        case = make_case("confirmed", kind="temporary", monthly_amount=3000)
        first, second, _third = services.set_schedule(
            case=case, actor=officer, rows=rows((0, "1000"), (1, "1000"), (30, "1000"))
        )
        services.release(
            instalment=first,
            actor=coordinator,
            condition_checked=True,
            check_note="核实",
        )
        Instalment.objects.filter(pk=second.pk).update(
            due_on=today - datetime.timedelta(days=3)
        )
        item = following.add_item(
            case=case,
            actor=officer,
            kind=FollowUpKind.OTHER,
            what="回访",
            owner=coordinator,
            due_on=today,
        )
        item.__class__.objects.filter(pk=item.pk).update(
            due_on=today - datetime.timedelta(days=1)
        )


def test_the_figures_count_and_link_to_the_lists(
    make_case, officer, coordinator, community, signed_in
):
    _world(make_case, officer, coordinator)
    figures = {
        f.key: f
        for f in section.figures(Community.objects.filter(pk=community.pk), officer)
    }
    counts = {key: f.count for key, f in figures.items()}
    assert counts["instalments_on_time"] == 1
    assert counts["instalments_overdue"] == 1
    assert counts["instalments_late"] == 0
    assert counts["follow_ups_open"] == counts["follow_ups_overdue"] == 1
    overdue = figures["instalments_overdue"].url
    assert (
        overdue
        == reverse("assistance:instalments", args=[community.slug]) + "?show=overdue"
    )
    listing = signed_in(coordinator).get(overdue)
    assert listing.status_code == 200 and "instalment 2" in listing.content.decode()
    work = signed_in(coordinator).get(reverse("assistance:work", args=[community.slug]))
    assert "Instalments to release" in work.content.decode()
    assert all(not f.url for f in section.figures(Community.objects.all(), None))


def test_the_section_runs_two_queries_whatever_the_data(
    make_case, officer, coordinator, community, django_assert_num_queries
):
    _world(make_case, officer, coordinator)
    scope = Community.objects.filter(pk=community.pk)
    section.figures(scope, officer)  # warms the person's grant cache
    with django_assert_num_queries(3):
        section.figures(scope, officer)
    _world(make_case, officer, coordinator, count=3)
    with django_assert_num_queries(3):
        section.figures(scope, officer)
    with django_assert_num_queries(3):
        section.per_community(scope, officer)


def test_the_household_export_holds_its_instalments(scheduled, applicant):
    data = account_services.export_personal_data(user=applicant)["data"]
    exported = data["assistance_instalments"]
    assert [(row["number"], row["amount"], row["state"]) for row in exported] == [
        (1, "1500.00", "scheduled"),
        (2, "1500.00", "scheduled"),
    ]
