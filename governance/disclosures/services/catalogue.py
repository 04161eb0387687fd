"""The disclosure board and its catalogue: the board under each community's home
page (with the review workflow), the default catalogue, catalogue entries and
recorded matters.

A catalogue per community has a cadence and due rule per entry (general items
quarterly, finance monthly where transactions are frequent, a major matter within
`major_matter_disclosure_days`); DESIGN.md "Affairs disclosure".
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import WorkflowPage

from audit.services import record
from communities import wording
from communities.models import Community, CommunityHomePage
from governance.disclosures.models import (
    EVENT_CADENCES,
    PERIODIC_CADENCES,
    Cadence,
    CatalogueEntry,
    Category,
    DueItem,
)
from governance.disclosures.pages import DisclosureIndexPage
from governance.disclosures.services.base import require_permission
from governance.disclosures.services.workflow import ensure_review_workflow


def ensure_disclosure_index(community: Community) -> DisclosureIndexPage | None:
    """The board at /<slug>/disclosures/, under the home page, with the workflow."""
    index = DisclosureIndexPage.objects.filter(community=community).first()
    if index is None:
        home = CommunityHomePage.objects.filter(community=community).first()
        if home is None:
            return None
        index = home.add_child(
            instance=DisclosureIndexPage(
                title=str(wording.term(community, "affairs_disclosure")),
                slug="disclosures",
                community=community,
            )
        )
    if not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(page=index, workflow=ensure_review_workflow())
    return index


def default_catalogue(community: Community) -> list[dict[str, Any]]:
    """DESIGN.md defaults: general items quarterly; finance monthly when frequent;
    a major matter within `major_matter_disclosure_days`."""
    policy = community.policy
    finance_cadence = (
        Cadence.MONTHLY if policy.frequent_transactions else Cadence.QUARTERLY
    )
    return [
        {
            "title": _("Party affairs"),
            "category": Category.PARTY,
            "cadence": Cadence.QUARTERLY,
        },
        {
            "title": _("Community affairs"),
            "category": Category.AFFAIRS,
            "cadence": Cadence.QUARTERLY,
        },
        {
            "title": _("Income and expenditure"),
            "category": Category.FINANCE,
            "cadence": finance_cadence,
        },
        {
            "title": _("Services"),
            "category": Category.SERVICE,
            "cadence": Cadence.QUARTERLY,
        },
        {
            "title": _("Major matters"),
            "category": Category.AFFAIRS,
            "cadence": Cadence.IMMEDIATE,
            "due_days": policy.major_matter_disclosure_days,
            "is_juwu": True,
        },
    ]


def ensure_catalogue(community: Community) -> list[CatalogueEntry]:
    """The default catalogue, once: a community's edits are kept."""
    if not CatalogueEntry.objects.filter(community=community).exists():
        for order, fields in enumerate(default_catalogue(community)):
            CatalogueEntry.objects.create(
                community=community, order=10 * (order + 1), **fields
            )
    return list(CatalogueEntry.objects.filter(community=community))


def setup_disclosures(community: Community) -> None:
    ensure_disclosure_index(community)
    ensure_catalogue(community)


# ---------------------------------------------------------------------------
# The catalogue
# ---------------------------------------------------------------------------
def _check_entry(community: Community, data: dict[str, Any]) -> None:
    policy = community.policy
    title = (data.get("title") or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the entry a title.")})
    if data.get("category") not in Category.values:
        raise ValidationError({"category": _("Choose a category.")})
    cadence = data.get("cadence")
    if cadence not in Cadence.values:
        raise ValidationError({"cadence": _("Choose a cadence.")})
    if (
        data["category"] == Category.FINANCE
        and policy.frequent_transactions
        and cadence in PERIODIC_CADENCES
        and cadence != Cadence.MONTHLY
    ):
        raise ValidationError(
            {
                "cadence": _(
                    "This community has frequent transactions, so finance is "
                    "disclosed monthly."
                )
            }
        )
    due_days = data.get("due_days")
    if due_days is None or due_days < 0 or due_days > 90:
        raise ValidationError({"due_days": _("Allow between 0 and 90 days.")})
    if cadence == Cadence.IMMEDIATE and due_days > policy.major_matter_disclosure_days:
        raise ValidationError(
            {
                "due_days": _(
                    "A major matter is disclosed within %(days)d days in this community."
                )
                % {"days": policy.major_matter_disclosure_days}
            }
        )


@transaction.atomic
def save_entry(
    *, actor: Any, community: Community, entry: CatalogueEntry | None = None, **data
) -> CatalogueEntry:
    """Add a catalogue entry, or change one (committee members)."""
    require_permission(actor.has_perm("governance.manage_catalogue", community))
    if entry is not None and entry.community_id != community.pk:
        raise PermissionDenied
    _check_entry(community, data)
    entry = entry or CatalogueEntry(community=community)
    for field in ("title", "category", "cadence", "due_days", "is_juwu", "is_active"):
        if field in data:
            value = data[field]
            setattr(entry, field, value.strip() if isinstance(value, str) else value)
    created = entry.pk is None
    entry.save()
    record(
        actor=actor,
        action="governance.catalogue.create"
        if created
        else "governance.catalogue.change",
        target=entry,
        community=community,
        data={k: str(v) for k, v in data.items()},
    )
    return entry


@transaction.atomic
def record_matter(
    *,
    actor: Any,
    entry: CatalogueEntry,
    matter: str,
    occurred_on: datetime.date | None = None,
) -> DueItem:
    """A matter that must be disclosed (an immediate or on-change entry) is due."""
    require_permission(actor.has_perm("governance.manage_catalogue", entry.community))
    matter = (matter or "").strip()
    if entry.cadence not in EVENT_CADENCES:
        raise ValidationError(_("This entry is disclosed by period, not by matter."))
    if not matter:
        raise ValidationError({"matter": _("Say what the matter is.")})
    occurred_on = occurred_on or timezone.localdate()
    item = DueItem.objects.create(
        entry=entry,
        community=entry.community,
        period_start=occurred_on,
        period_end=occurred_on,
        due_on=occurred_on + datetime.timedelta(days=entry.due_days),
        matter=matter[:200],
    )
    record(
        actor=actor,
        action="governance.catalogue.matter",
        target=item,
        community=entry.community,
        data={"matter": matter},
    )
    return item
