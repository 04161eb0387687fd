"""The disclosure catalogue: defaults, editing rules, due items, overdue notices."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.disclosures.services import catalogue, schedule
from governance.models import CatalogueEntry, DueItem
from notifications.models import Notification
from tests.support.governance_disclosures import add_disclosure

pytestmark = pytest.mark.django_db


def _entry(community, category):
    return CatalogueEntry.objects.get(
        community=community, category=category, cadence__in=["monthly", "quarterly"]
    )


def test_a_new_community_gets_the_default_catalogue(community):
    entries = {(e.category, e.cadence) for e in community.disclosure_catalogue.all()}
    assert entries == {
        ("party", "quarterly"),
        ("affairs", "quarterly"),
        ("finance", "quarterly"),
        ("service", "quarterly"),
        ("affairs", "immediate"),
    }
    major = CatalogueEntry.objects.get(community=community, cadence="immediate")
    assert major.due_days == community.policy.major_matter_disclosure_days == 5


def test_finance_is_monthly_where_transactions_are_frequent(community, editor):
    policy = community.policy
    policy.frequent_transactions = True
    policy.save()
    finance = _entry(community, "finance")
    assert finance.effective_cadence == "monthly"
    with pytest.raises(ValidationError, match="monthly"):
        catalogue.save_entry(
            actor=editor,
            community=community,
            entry=finance,
            title="财务",
            category="finance",
            cadence="quarterly",
            due_days=10,
        )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {"title": " ", "category": "party", "cadence": "monthly", "due_days": 5},
            "title",
        ),
        (
            {"title": "x", "category": "nope", "cadence": "monthly", "due_days": 5},
            "category",
        ),
        (
            {"title": "x", "category": "party", "cadence": "weekly", "due_days": 5},
            "cadence",
        ),
        (
            {"title": "x", "category": "party", "cadence": "monthly", "due_days": 200},
            "due_days",
        ),
        (
            {"title": "x", "category": "party", "cadence": "immediate", "due_days": 9},
            "due_days",
        ),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_saved(community, editor, data, field):
    before = CatalogueEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        catalogue.save_entry(actor=editor, community=community, **data)
    assert field in error.value.message_dict
    assert CatalogueEntry.objects.count() == before


def test_only_committee_members_edit_the_catalogue(community, resident):
    with pytest.raises(PermissionDenied):
        catalogue.save_entry(
            actor=resident,
            community=community,
            title="x",
            category="party",
            cadence="monthly",
            due_days=5,
        )


def test_each_period_creates_one_due_item(community):
    schedule.create_due_items(datetime.date(2026, 4, 2))
    schedule.create_due_items(datetime.date(2026, 4, 3))
    finance = _entry(community, "finance")
    item = DueItem.objects.get(entry=finance)
    assert (item.period_start, item.period_end) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 31),
    )
    assert item.due_on == datetime.date(2026, 4, 10)
    # four periodic entries, one item each; the immediate entry waits for a matter
    assert DueItem.objects.filter(community=community).count() == 4


def test_publishing_against_the_entry_fulfils_the_item(community, editor):
    schedule.create_due_items(datetime.date(2026, 4, 2))
    service = _entry(community, "service")
    page = add_disclosure(community, user=editor, catalogue_entry=service)
    item = DueItem.objects.get(entry=service)
    assert item.fulfilled_by_id == page.pk
    assert item.fulfilled_at is not None


def test_an_unfulfilled_item_goes_overdue_and_the_committee_is_told_once(
    community, editor
):
    schedule.create_due_items(datetime.date(2026, 4, 2))
    assert schedule.notify_overdue(datetime.date(2026, 4, 10)) == 0
    told = schedule.notify_overdue(datetime.date(2026, 4, 11))
    assert told == 4
    schedule.notify_overdue(datetime.date(2026, 4, 12))
    notes = Notification.objects.filter(
        recipient=editor, kind="governance.disclosure_overdue"
    )
    assert notes.count() == 4
    assert DueItem.objects.overdue(datetime.date(2026, 4, 11)).count() == 4


def test_a_recorded_matter_is_due_within_the_major_matter_days(community, editor):
    major = CatalogueEntry.objects.get(community=community, cadence="immediate")
    item = catalogue.record_matter(
        actor=editor,
        entry=major,
        matter="老旧小区改造立项",
        occurred_on=datetime.date(2026, 5, 1),
    )
    assert item.due_on == datetime.date(2026, 5, 6)
    with pytest.raises(ValidationError):
        catalogue.record_matter(actor=editor, entry=major, matter="  ")
    with pytest.raises(ValidationError):
        catalogue.record_matter(
            actor=editor, entry=_entry(community, "party"), matter="x"
        )


def test_the_daily_job_is_registered_and_runs(community):
    from notifications import scheduling

    assert "governance.disclosure_daily" in {
        j.name for j in scheduling.registered_jobs()
    }
    with time_machine.travel(datetime.datetime(2026, 7, 20, 3, tzinfo=datetime.UTC)):
        result = schedule.run_daily()
        assert result["created"] == 4
        assert timezone.localdate() == datetime.date(2026, 7, 20)
        assert result["overdue"] == 4
