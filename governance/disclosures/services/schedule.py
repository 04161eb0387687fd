"""The disclosure schedule: periods, due items, overdue notices, the daily job."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Community
from communities.selectors import committee_members
from governance.disclosures.models import (
    PERIODIC_CADENCES,
    CatalogueEntry,
    DueItem,
)
from governance.disclosures.pages import DisclosurePage
from governance.disclosures.services.base import KIND_OVERDUE
from governance.disclosures.services.objections import escalate_objections
from notifications.services import notify


def period_containing(
    day: datetime.date, months: int
) -> tuple[datetime.date, datetime.date]:
    first_month = ((day.month - 1) // months) * months + 1
    start = datetime.date(day.year, first_month, 1)
    end_month = first_month + months
    if end_month > 12:
        end = datetime.date(day.year + 1, end_month - 12, 1)
    else:
        end = datetime.date(day.year, end_month, 1)
    return start, end - datetime.timedelta(days=1)


def last_completed_period(
    day: datetime.date, months: int
) -> tuple[datetime.date, datetime.date]:
    start, _end = period_containing(day, months)
    return period_containing(start - datetime.timedelta(days=1), months)


def create_due_items(today: datetime.date | None = None) -> int:
    """Each periodic entry's last completed period becomes a due item (daily job)."""
    today = today or timezone.localdate()
    created = 0
    entries = CatalogueEntry.objects.filter(is_active=True).select_related(
        "community__settings"
    )
    for entry in entries:
        cadence = entry.effective_cadence
        if cadence not in PERIODIC_CADENCES:
            continue
        start, end = last_completed_period(today, PERIODIC_CADENCES[cadence])
        if end < timezone.localdate(entry.created_at) - datetime.timedelta(days=366):
            continue
        _item, made = DueItem.objects.get_or_create(
            entry=entry,
            period_start=start,
            matter="",
            defaults={
                "community": entry.community,
                "period_end": end,
                "due_on": end + datetime.timedelta(days=entry.due_days),
            },
        )
        created += made
    return created


def notify_overdue(today: datetime.date | None = None) -> int:
    """Tell each community's committee once about each item that went overdue."""
    today = today or timezone.localdate()
    items = list(
        DueItem.objects.overdue(today)
        .filter(overdue_notified_at__isnull=True)
        .select_related("entry", "community")
    )
    for item in items:
        with transaction.atomic():
            claimed = DueItem.objects.filter(
                pk=item.pk, overdue_notified_at__isnull=True
            ).update(overdue_notified_at=timezone.now())
            if not claimed:
                continue
            notify(
                recipients=list(committee_members(item.community_id)),
                kind=KIND_OVERDUE,
                title=_("Disclosure overdue: %(entry)s (%(start)s to %(end)s)")
                % {
                    "entry": item.matter or item.entry.title,
                    "start": item.period_start.isoformat(),
                    "end": item.period_end.isoformat(),
                },
                body=_("It was due on %(date)s.") % {"date": item.due_on.isoformat()},
                url=f"/{item.community.slug}/disclosure-catalogue/",
            )
    return len(items)


def fulfil_due_item(page: DisclosurePage, community: Community) -> DueItem | None:
    """Publishing a disclosure against a catalogue entry fulfils its due item:
    the one whose period matches, else the oldest open one."""
    if page.catalogue_entry_id is None:
        return None
    items = (
        DueItem.objects.select_for_update()
        .filter(entry_id=page.catalogue_entry_id, community=community)
        .open()
    )
    item = (
        items.filter(
            period_start__lte=page.period_end, period_end__gte=page.period_start
        )
        .order_by("due_on", "pk")
        .first()
        or items.order_by("due_on", "pk").first()
    )
    if item is None:
        return None
    item.fulfilled_by = page
    item.fulfilled_at = timezone.now()
    item.save(update_fields=["fulfilled_by", "fulfilled_at"])
    return item


def run_daily(today: datetime.date | None = None) -> dict[str, int]:
    """The periodic job: due items, overdue notices, escalations."""
    return {
        "created": create_due_items(today),
        "overdue": notify_overdue(today),
        "escalated": escalate_objections(today),
    }
