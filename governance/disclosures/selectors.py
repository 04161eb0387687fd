"""Reads for affairs disclosure: public objections, queues, oversight figures.

Every list here runs a fixed number of queries whatever the number of items or
communities (tests pin them).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision, TaskState

from communities.models import Community, Role
from communities.oversight import Figure
from communities.roles.selectors import grants_in_force, role_counts
from communities.rules import is_platform_admin
from governance.disclosures.models import (
    DisclosureReview,
    DueItem,
    Objection,
)

if TYPE_CHECKING:
    from governance.disclosures.pages import DisclosurePage

WINDOW_DAYS = 365
FIGURE_KEYS = ("due", "on_time", "overdue", "objections_open", "objections_past_due")
FIGURE_LABELS = {
    "due": _("disclosures due (12 months)"),
    "on_time": _("published on time"),
    "overdue": _("overdue"),
    "objections_open": _("objections open"),
    "objections_past_due": _("objections past due"),
}
FIGURE_TONES = {
    "due": "neutral",
    "on_time": "ok",
    "overdue": "bad",
    "objections_open": "warn",
    "objections_past_due": "bad",
}


def objection_url(community: Community, page) -> str:
    return reverse("governance:objection-create", args=[community.slug]) + (
        f"?page={page.pk}"
    )


def public_objections(page) -> list[Objection]:
    """Objections on a disclosure as the public sees them (askers masked in templates)."""
    return list(
        Objection.objects.filter(page=page)
        .select_related("asker")
        .order_by("-created_at", "-pk")
    )


# ---------------------------------------------------------------------------
# Who sees which communities
# ---------------------------------------------------------------------------
def communities_in_view(user: Any):
    """Communities whose disclosure oversight this person may see."""

    if not getattr(user, "is_authenticated", False):
        return Community.objects.none()
    if is_platform_admin(user):
        return Community.objects.all()
    community_ids, streets, districts = set(), set(), set()
    for role, community_id, region_id in grants_in_force(user):
        if not role_counts(user, role):
            continue
        if role in (Role.COMMITTEE, Role.SUPERVISION) and community_id:
            community_ids.add(community_id)
        elif role == Role.STREET_OFFICER and region_id:
            streets.add(region_id)
        elif role == Role.DISTRICT_OFFICER and region_id:
            districts.add(region_id)
    return Community.objects.filter(
        Q(pk__in=community_ids)
        | Q(street_id__in=streets)
        | Q(street__parent_id__in=districts)
    )


# ---------------------------------------------------------------------------
# Figures (oversight dashboard) and the lists behind them
# ---------------------------------------------------------------------------
def _window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today - datetime.timedelta(days=WINDOW_DAYS), today


def due_items_for(key: str, communities, today: datetime.date | None = None):
    """The due items behind a figure ("due", "on_time" or "overdue")."""
    today = today or timezone.localdate()
    start, end = _window(today)
    items = DueItem.objects.filter(
        community__in=communities, due_on__gt=start, due_on__lte=end
    )
    if key == "on_time":
        items = items.filter(fulfilled_at__isnull=False).filter(
            fulfilled_at__date__lte=_due_limit()
        )
    elif key == "overdue":
        items = items.filter(due_on__lt=today).exclude(
            fulfilled_at__isnull=False, fulfilled_at__date__lte=_due_limit()
        )
    return items


def _due_limit():

    return F("due_on")


def objections_for(key: str, communities, today: datetime.date | None = None):
    today = today or timezone.localdate()
    objections = Objection.objects.filter(community__in=communities)
    if key == "objections_past_due":
        return objections.past_due(today)
    return objections.open()


def counts_by_community(communities, today: datetime.date | None = None) -> dict:
    """{community pk: {figure key: count}}: two queries whatever the size."""
    today = today or timezone.localdate()
    start, end = _window(today)
    on_time = Q(fulfilled_at__isnull=False, fulfilled_at__date__lte=_due_limit())
    rows = (
        DueItem.objects.filter(
            community__in=communities, due_on__gt=start, due_on__lte=end
        )
        .values("community_id")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=on_time),
            overdue=Count("pk", filter=Q(due_on__lt=today) & ~on_time),
        )
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        result[row["community_id"]] = {
            "due": row["due"],
            "on_time": row["on_time"],
            "overdue": row["overdue"],
            "objections_open": 0,
            "objections_past_due": 0,
        }
    open_statuses = [Objection.Status.OPEN, Objection.Status.REOPENED]
    objection_rows = (
        Objection.objects.filter(community__in=communities, status__in=open_statuses)
        .values("community_id")
        .annotate(
            objections_open=Count("pk"),
            objections_past_due=Count("pk", filter=Q(answer_due_on__lt=today)),
        )
    )
    for row in objection_rows:
        counts = result.setdefault(row["community_id"], dict.fromkeys(FIGURE_KEYS, 0))
        counts["objections_open"] = row["objections_open"]
        counts["objections_past_due"] = row["objections_past_due"]
    return result


def figure_url(key: str, community_pk: int | None = None) -> str:
    url = reverse("governance:disclosure-oversight", args=[key])
    return f"{url}?community={community_pk}" if community_pk else url


def figures(communities, user):

    totals = dict.fromkeys(FIGURE_KEYS, 0)
    for counts in counts_by_community(communities).values():
        for key in FIGURE_KEYS:
            totals[key] += counts[key]
    return [
        Figure(
            key=key,
            label=FIGURE_LABELS[key],
            count=totals[key],
            url=figure_url(key),
            tone=FIGURE_TONES[key],
        )
        for key in FIGURE_KEYS
    ]


def per_community(communities, user):

    counts = counts_by_community(communities)
    pks = list(communities.values_list("pk", flat=True))
    urls = {key: figure_url(key) for key in FIGURE_KEYS}  # figure_url(key, pk)
    return {
        pk: [
            Figure(
                key=key,
                label=FIGURE_LABELS[key],
                count=counts.get(pk, {}).get(key, 0),
                url=f"{urls[key]}?community={pk}",
                tone=FIGURE_TONES[key],
            )
            for key in FIGURE_KEYS
        ]
        for pk in pks
    }


def escalated_objections(communities):
    return (
        Objection.objects.open()
        .filter(community__in=communities, escalated_at__isnull=False)
        .select_related("community", "page", "asker")
        .order_by("answer_due_on", "pk")
    )


# ---------------------------------------------------------------------------
# Review (the Wagtail workflow's decisions)
# ---------------------------------------------------------------------------
def _latest_revision_id(page) -> int | None:
    return (
        Revision.objects.filter(
            base_content_type_id=page.get_base_content_type().pk,
            object_id=str(page.pk),
        )
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
        .first()
    )


def approved_latest_revision(page, user) -> bool:
    """Did this person approve the page's latest revision (the one to publish)?"""
    if not getattr(user, "is_authenticated", False) or page.pk is None:
        return False
    latest = _latest_revision_id(page)
    return DisclosureReview.objects.filter(
        page_id=page.pk,
        revision_id=latest,
        reviewer=user,
        decision=DisclosureReview.Decision.APPROVED,
    ).exists()


def last_return(page: DisclosurePage) -> DisclosureReview | None:
    """The reason the latest revision (or an earlier one) was returned, if any."""
    review = page.reviews.select_related("reviewer").first()
    if review is not None and review.decision == DisclosureReview.Decision.REJECTED:
        return review
    return None


# ---------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------
def correction_note_problem(page: DisclosurePage, note: str) -> str:
    """Why this correction note will not do ("" when it will)."""
    note = (note or "").strip()
    latest = page.versions.order_by("-number").first() if page.pk else None
    if latest is None:
        return ""
    if not note:
        return gettext(
            "This disclosure is published. A correction needs a correction note "
            "(更正说明) saying what changed and why."
        )
    if note == latest.correction_note.strip():
        return gettext("Write a new correction note for this correction.")
    return ""


# ---------------------------------------------------------------------------
# The work desk (communities.desk)
# ---------------------------------------------------------------------------
def review_counts(communities) -> dict[int, int]:
    """{community pk: disclosures waiting for the supervision review}: three
    queries whatever the number of communities or disclosures."""
    # pages.py and review.py import this module: read them when called.
    from governance.disclosures.pages import DisclosureIndexPage, DisclosurePage
    from governance.disclosures.review import SupervisionReviewTask  # likewise

    object_ids = set(
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=SupervisionReviewTask.objects.all(),
        ).values_list("workflow_state__object_id", flat=True)
    )
    if not object_ids:
        return {}
    boards = list(
        DisclosureIndexPage.objects.filter(community__in=communities).values_list(
            "community_id", "path"
        )
    )
    counts: dict[int, int] = {}
    pages = DisclosurePage.objects.filter(
        pk__in=[int(pk) for pk in object_ids if str(pk).isdigit()]
    ).values_list("path", flat=True)
    for path in pages:
        for community_id, board_path in boards:
            if path.startswith(board_path):
                counts[community_id] = counts.get(community_id, 0) + 1
    return counts


def escalated_counts(communities) -> dict[int, int]:
    """{community pk: open objections escalated to the officers}: one query."""
    rows = (
        Objection.objects.open()
        .filter(community__in=communities, escalated_at__isnull=False)
        .values("community_id")
        .annotate(n=Count("pk"))
    )
    return {row["community_id"]: row["n"] for row in rows}


def draft_links(communities) -> dict[int, str]:
    """{community pk: the CMS editor's address for a new disclosure under the
    community's board}: one query."""
    from governance.disclosures.pages import DisclosureIndexPage  # imports this module

    return {
        community_id: reverse(
            "wagtailadmin_pages:add", args=["governance", "disclosurepage", pk]
        )
        for community_id, pk in DisclosureIndexPage.objects.filter(
            community__in=communities
        ).values_list("community_id", "pk")
    }


# "Waiting for you" and "mine" (communities.home blocks; one query each)
# ---------------------------------------------------------------------------
# An answer stays in "waiting for you" this long, unless accepted or reopened.
RECENT_ANSWER_DAYS = 30


def answered_objections(user: Any, community: Community, limit: int) -> list:
    """This person's objections in the community answered lately and not yet
    accepted or reopened: the answer waits for them to read and respond."""
    since = timezone.now() - datetime.timedelta(days=RECENT_ANSWER_DAYS)
    return list(
        Objection.objects.filter(
            asker=user,
            community=community,
            status=Objection.Status.ANSWERED,
            answered_at__gte=since,
        ).order_by("-answered_at", "-pk")[:limit]
    )


def my_objections(user: Any, limit: int) -> list:
    """This person's objections everywhere, newest first, with their community."""
    return list(
        Objection.objects.filter(asker=user)
        .select_related("community")
        .order_by("-created_at", "-pk")[:limit]
    )
