"""Every affairs-disclosure write (居务公开), and the rules it enforces.

DESIGN.md "Affairs disclosure":
- categories 党务 / 政务(事务) / 财务 / 服务; a catalogue per community with a cadence
  and due rule per entry (general items quarterly, finance monthly where
  transactions are frequent, a major matter within `major_matter_disclosure_days`);
- each period (or matter) creates a due item; publishing a disclosure against the
  entry fulfils it; an item not published by its due date is overdue and the
  committee members are told once;
- finance and 居务 items publish only through the review workflow, approved by a
  supervision member not on the 两委 (governance.review, DisclosurePermissionTester);
- a published disclosure is never changed in place: each publication is a version,
  later ones with a new correction note;
- verified residents file objections (on a disclosure or one finance line) with a
  tracking number; the committee answers within `objection_answer_days`, else the
  objection escalates to the street officer; the asker accepts or reopens once.

Other apps publish through `publish_resolution` (e.g. consultation publishing a
resolution as a 政务 disclosure).
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from typing import Any

import rules
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Revision, TaskState, Workflow, WorkflowPage, WorkflowTask

from audit.services import record
from communities.models import Community, CommunityHomePage, Role, RoleGrant
from governance.disclosure_models import (
    EVENT_CADENCES,
    PERIODIC_CADENCES,
    Cadence,
    CatalogueEntry,
    Category,
    DisclosureReview,
    DisclosureVersion,
    DueItem,
    Objection,
)
from governance.disclosure_pages import DisclosureIndexPage, DisclosurePage
from governance.review import SupervisionReviewTask
from notifications.services import notify

WORKFLOW_NAME = "Disclosure review"
KIND_REVIEW_REQUESTED = "governance.disclosure_review_requested"
KIND_RETURNED = "governance.disclosure_returned"
KIND_OVERDUE = "governance.disclosure_overdue"
KIND_OBJECTION_FILED = "governance.objection_filed"
KIND_OBJECTION_ANSWERED = "governance.objection_answered"
KIND_OBJECTION_ESCALATED = "governance.objection_escalated"
OBJECTIONS_PER_DAY = 5
OBJECTION_MIN_LENGTH = 5
OBJECTION_MAX_LENGTH = 2000


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


# ---------------------------------------------------------------------------
# Setting a community up: the board, its workflow, its catalogue
# ---------------------------------------------------------------------------
def ensure_review_workflow() -> Workflow:
    """The one "Disclosure review" workflow with its supervision review task."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = SupervisionReviewTask.objects.filter(active=True).first()
        if task is None:
            task = SupervisionReviewTask.objects.create(name="Supervision review")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def ensure_disclosure_index(community: Community) -> DisclosureIndexPage | None:
    """The board at /<slug>/disclosures/, under the home page, with the workflow."""
    index = DisclosureIndexPage.objects.filter(community=community).first()
    if index is None:
        home = CommunityHomePage.objects.filter(community=community).first()
        if home is None:
            return None
        index = home.add_child(
            instance=DisclosureIndexPage(
                title=_("Affairs disclosure"), slug="disclosures", community=community
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
    _require(actor.has_perm("governance.manage_catalogue", community))
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
    _require(actor.has_perm("governance.manage_catalogue", entry.community))
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


def committee_members(community_ids):
    User = get_user_model()
    return User.objects.filter(
        pk__in=RoleGrant.objects.active()
        .filter(role=Role.COMMITTEE, community_id__in=community_ids)
        .values("user_id"),
        is_active=True,
    )


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
                recipients=list(committee_members([item.community_id])),
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


def record_review(
    *, page, revision, reviewer, approved: bool, reason: str = ""
) -> DisclosureReview:
    """Called by the review task: keep the decision; tell the author of a return."""
    community = page.community_of_disclosure()
    review = DisclosureReview.objects.create(
        page=page,
        revision=revision,
        reviewer=reviewer,
        decision=(
            DisclosureReview.Decision.APPROVED
            if approved
            else DisclosureReview.Decision.REJECTED
        ),
        reason=reason,
    )
    record(
        actor=reviewer,
        action="governance.disclosure.approve"
        if approved
        else "governance.disclosure.return",
        target=page,
        community=community,
        data={"revision": revision.pk, "reason": reason},
    )
    if not approved and revision.user_id:
        notify(
            recipients=[revision.user],
            kind=KIND_RETURNED,
            title=_("Disclosure returned: %(title)s") % {"title": page.title},
            body=reason,
            url=f"/{community.slug}/disclosure-review/",
        )
    return review


def reviewable_task_states(user, *, task=None):
    """In-progress review steps this person may approve or return."""
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=SupervisionReviewTask.objects.all() if task is None else [task],
    )
    if not getattr(user, "is_authenticated", False):
        return states.none()
    from communities.rules import _grants

    community_ids = [
        c for role, c, _r in _grants(user) if role == Role.SUPERVISION and c
    ]
    allowed = [
        c.pk
        for c in Community.objects.filter(pk__in=community_ids)
        if rules.has_perm("governance.review_disclosure", user, c)
    ]
    pages = [
        str(pk)
        for index in DisclosureIndexPage.objects.filter(community_id__in=allowed)
        for pk in DisclosurePage.objects.child_of(index).values_list("pk", flat=True)
    ]
    return states.filter(workflow_state__object_id__in=pages)


@transaction.atomic
def submit_for_review(*, actor: Any, page: DisclosurePage):
    """Start the review workflow on the page's latest revision (committee)."""
    community = page.community_of_disclosure()
    _require(actor.has_perm("governance.manage_catalogue", community))
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError(_("This disclosure has no review workflow."))
    if page.workflow_in_progress:
        raise ValidationError(_("This disclosure is already waiting for review."))
    return workflow.start(page, actor)


def _current_task_state(page: DisclosurePage) -> TaskState:
    state = page.current_workflow_task_state
    if state is None:
        raise ValidationError(_("This disclosure is not waiting for review."))
    return state


@transaction.atomic
def approve(*, actor: Any, page: DisclosurePage) -> DisclosurePage:
    """Approve the submitted revision; the workflow then publishes it."""
    _require(rules.has_perm("governance.review_disclosure", actor, page))
    state = _current_task_state(page)
    state.task.specific.on_action(state.specific, actor, "approve")
    page.refresh_from_db()
    return page


@transaction.atomic
def reject(*, actor: Any, page: DisclosurePage, reason: str) -> DisclosurePage:
    """Return the disclosure to its author with a reason (required)."""
    _require(rules.has_perm("governance.review_disclosure", actor, page))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for returning it.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep the reason under 2000 characters.")})
    state = _current_task_state(page)
    state.task.specific.on_action(state.specific, actor, "reject", comment=reason)
    page.refresh_from_db()
    return page


def notify_reviewers(page: DisclosurePage) -> None:
    """Tell the community's independent supervision members a disclosure waits."""
    community = page.community_of_disclosure()
    User = get_user_model()
    candidates = User.objects.filter(
        pk__in=RoleGrant.objects.active()
        .filter(role=Role.SUPERVISION, community=community)
        .values("user_id"),
        is_active=True,
    )
    reviewers = [
        u
        for u in candidates
        if rules.has_perm("governance.review_disclosure", u, community)
    ]
    notify(
        recipients=reviewers,
        kind=KIND_REVIEW_REQUESTED,
        title=_("A disclosure waits for your review: %(title)s")
        % {"title": page.title},
        url=f"/{community.slug}/disclosure-review/",
    )


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
        return _(
            "This disclosure is published. A correction needs a correction note "
            "(更正说明) saying what changed and why."
        )
    if note == latest.correction_note.strip():
        return _("Write a new correction note for this correction.")
    return ""


@transaction.atomic
def record_version(
    page: DisclosurePage, revision: Revision | None
) -> DisclosureVersion:
    """Called when a disclosure is published: keep this version for the archive."""
    page = DisclosurePage.objects.select_for_update().get(pk=page.pk)
    if revision is None:
        revision = page.live_revision or page.get_latest_revision()
    existing = page.versions.filter(revision=revision).first()
    if existing is not None:
        return existing
    number = (
        page.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    approval = (
        DisclosureReview.objects.filter(
            page=page, revision=revision, decision=DisclosureReview.Decision.APPROVED
        )
        .order_by("-decided_at")
        .first()
    )
    content = revision.as_object()
    version = DisclosureVersion.objects.create(
        page=page,
        number=number,
        revision=revision,
        title=content.title,
        text=content.plain_text(),
        correction_note=content.correction_note if number > 1 else "",
        approved_by=approval.reviewer if approval else None,
        approved_at=approval.decided_at if approval else None,
    )
    community = page.community_of_disclosure()
    if number == 1:
        fulfil_due_item(page, community)
    record(
        actor=revision.user,
        action="governance.disclosure.publish",
        target=page,
        community=community,
        data={"version": number},
    )
    return version


@dataclass(frozen=True)
class DiffRow:
    tag: str  # "equal", "insert", "delete"
    text: str


def diff_versions(a: DisclosureVersion, b: DisclosureVersion) -> list[DiffRow]:
    """Line-by-line differences between two versions' text (escaped for display)."""
    rows = []
    for line in difflib.ndiff(a.text.splitlines(), b.text.splitlines()):
        code, text = line[:2], escape(line[2:])
        if code == "  ":
            rows.append(DiffRow("equal", text))
        elif code == "- ":
            rows.append(DiffRow("delete", text))
        elif code == "+ ":
            rows.append(DiffRow("insert", text))
    return rows


# ---------------------------------------------------------------------------
# Publishing from other apps
# ---------------------------------------------------------------------------
@transaction.atomic
def publish_resolution(
    community: Community,
    title: str,
    text: str,
    *,
    category: str = Category.AFFAIRS,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    summary: str = "",
    is_juwu: bool = False,
    entry: CatalogueEntry | None = None,
    actor: Any | None = None,
) -> DisclosurePage:
    """Publish a disclosure on the community's board from another app.

    `text` is plain text (paragraphs separated by blank lines). Items that need
    review (finance, or `is_juwu`) are submitted to the supervision review
    workflow instead of published; the caller gets the page either way (check
    `page.live`). Used by consultation to publish resolutions and feedback.
    """
    index = ensure_disclosure_index(community)
    if index is None:
        raise ValidationError(_("This community has no site pages yet."))
    today = timezone.localdate()
    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    body = [
        ("paragraph", "".join(f"<p>{escape(line)}</p>" for line in p.splitlines()))
        for p in paragraphs
    ]
    base = slugify(title, allow_unicode=False) or "disclosure"
    slug = f"{base}-{timezone.now():%Y%m%d%H%M%S%f}"[:255]
    page = index.add_child(
        instance=DisclosurePage(
            title=title[:255],
            slug=slug,
            category=category,
            is_juwu=is_juwu,
            period_start=period_start or today,
            period_end=period_end or period_start or today,
            summary=summary[:300],
            body=body,
            catalogue_entry=entry,
            live=False,
        )
    )
    revision = page.save_revision(user=actor)
    if page.needs_review:
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, actor)
    else:
        revision.publish(user=None)
        page.refresh_from_db()
    return page


# ---------------------------------------------------------------------------
# Objections (质询/异议)
# ---------------------------------------------------------------------------
def _tracking_number(objection: Objection) -> str:
    return f"ZX{timezone.localdate(objection.created_at):%Y%m%d}-{objection.pk:05d}"


@transaction.atomic
def file_objection(
    *, actor: Any, page: DisclosurePage, text: str, line_id: str = ""
) -> Objection:
    """A verified resident questions a disclosure, or one line of its finance table."""
    community = page.community_of_disclosure()
    _require(rules.has_perm("governance.file_objection", actor, community))
    if not page.live:
        raise ValidationError(_("Only published disclosures can be questioned."))
    text = (text or "").strip()
    if len(text) < OBJECTION_MIN_LENGTH:
        raise ValidationError(
            {"text": _("Write your question in a few words at least.")}
        )
    if len(text) > OBJECTION_MAX_LENGTH:
        raise ValidationError({"text": _("Keep it under 2000 characters.")})
    line_label = ""
    line_id = (line_id or "").strip()
    if line_id:
        lines = {line.id: line for line in page.finance_lines()}
        if line_id not in lines:
            raise ValidationError(
                {"line_id": _("That line is not in this disclosure.")}
            )
        line = lines[line_id]
        line_label = f"{line.item} ({line.amount})"[:200]
    # One filing at a time per person, so concurrent requests cannot pass the
    # daily limit together.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    since = timezone.now() - datetime.timedelta(days=1)
    if (
        Objection.objects.filter(asker=actor, created_at__gte=since).count()
        >= OBJECTIONS_PER_DAY
    ):
        raise ValidationError(
            _("You have filed %(n)d questions today; please wait until tomorrow.")
            % {"n": OBJECTIONS_PER_DAY}
        )
    now = timezone.now()
    objection = Objection.objects.create(
        community=community,
        page=page,
        line_id=line_id,
        line_label=line_label,
        asker=actor,
        text=text,
        created_at=now,
        answer_due_on=timezone.localdate(now)
        + datetime.timedelta(days=community.policy.objection_answer_days),
    )
    objection.tracking_number = _tracking_number(objection)
    objection.save(update_fields=["tracking_number"])
    record(
        actor=actor,
        action="governance.objection.file",
        target=objection,
        community=community,
        data={"page": page.pk, "line": line_id},
    )
    notify(
        recipients=list(committee_members([community.pk])),
        kind=KIND_OBJECTION_FILED,
        title=_("A question on %(title)s (%(number)s)")
        % {"title": page.title, "number": objection.tracking_number},
        url=f"/{community.slug}/objections/{objection.pk}/",
    )
    return objection


def _locked(objection: Objection) -> Objection:
    return (
        Objection.objects.select_for_update()
        .select_related("community", "page")
        .get(pk=objection.pk)
    )


@transaction.atomic
def answer_objection(*, actor: Any, objection: Objection, answer: str) -> Objection:
    """The committee answers publicly."""
    objection = _locked(objection)
    _require(rules.has_perm("governance.answer_objection", actor, objection.community))
    if not objection.is_open:
        raise ValidationError(_("This question is not waiting for an answer."))
    answer = (answer or "").strip()
    if len(answer) < OBJECTION_MIN_LENGTH:
        raise ValidationError({"answer": _("Write an answer.")})
    if len(answer) > OBJECTION_MAX_LENGTH:
        raise ValidationError({"answer": _("Keep it under 2000 characters.")})
    objection.answer = answer
    objection.answered_by = actor
    objection.answered_at = timezone.now()
    objection.status = Objection.Status.ANSWERED
    objection.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    record(
        actor=actor,
        action="governance.objection.answer",
        target=objection,
        community=objection.community,
    )
    notify(
        recipients=[objection.asker],
        kind=KIND_OBJECTION_ANSWERED,
        title=_("Your question %(number)s was answered")
        % {"number": objection.tracking_number},
        body=answer[:300],
        url=f"/{objection.community.slug}/objections/{objection.pk}/",
    )
    return objection


@transaction.atomic
def accept_answer(*, actor: Any, objection: Objection) -> Objection:
    objection = _locked(objection)
    if objection.asker_id != actor.pk:
        raise PermissionDenied(_("Only the person who asked can do this."))
    if objection.status != Objection.Status.ANSWERED:
        raise ValidationError(_("There is no answer to accept."))
    objection.status = Objection.Status.ACCEPTED
    objection.accepted_at = timezone.now()
    objection.save(update_fields=["status", "accepted_at"])
    return objection


@transaction.atomic
def reopen_objection(*, actor: Any, objection: Objection, reason: str) -> Objection:
    """The asker is not satisfied: reopened once, with a new answer due date."""
    objection = _locked(objection)
    if objection.asker_id != actor.pk:
        raise PermissionDenied(_("Only the person who asked can do this."))
    if not objection.may_reopen:
        raise ValidationError(
            _("This question cannot be reopened (only once, after an answer).")
        )
    reason = (reason or "").strip()
    if len(reason) < OBJECTION_MIN_LENGTH or len(reason) > OBJECTION_MAX_LENGTH:
        raise ValidationError({"reason": _("Say why the answer does not satisfy you.")})
    objection.status = Objection.Status.REOPENED
    objection.reopen_reason = reason
    objection.reopened_at = timezone.now()
    objection.escalated_at = None
    objection.answer_due_on = timezone.localdate() + datetime.timedelta(
        days=objection.community.policy.objection_answer_days
    )
    objection.save(
        update_fields=[
            "status",
            "reopen_reason",
            "reopened_at",
            "escalated_at",
            "answer_due_on",
        ]
    )
    record(
        actor=actor,
        action="governance.objection.reopen",
        target=objection,
        community=objection.community,
    )
    notify(
        recipients=list(committee_members([objection.community_id])),
        kind=KIND_OBJECTION_FILED,
        title=_("Question %(number)s was reopened")
        % {"number": objection.tracking_number},
        url=f"/{objection.community.slug}/objections/{objection.pk}/",
    )
    return objection


def street_officers(community: Community):
    User = get_user_model()
    return User.objects.filter(
        pk__in=RoleGrant.objects.active()
        .filter(role=Role.STREET_OFFICER, region_id=community.street_id)
        .values("user_id"),
        is_active=True,
    )


def escalate_objections(today: datetime.date | None = None) -> int:
    """Objections past their answer date go to the street officer's queue (daily job)."""
    today = today or timezone.localdate()
    due = list(
        Objection.objects.past_due(today)
        .filter(escalated_at__isnull=True)
        .select_related("community", "page")
    )
    for objection in due:
        with transaction.atomic():
            claimed = Objection.objects.filter(
                pk=objection.pk, escalated_at__isnull=True
            ).update(escalated_at=timezone.now())
            if not claimed:
                continue
            notify(
                recipients=list(street_officers(objection.community)),
                kind=KIND_OBJECTION_ESCALATED,
                title=_("Unanswered question %(number)s in %(community)s")
                % {
                    "number": objection.tracking_number,
                    "community": objection.community.name,
                },
                body=_("The answer was due on %(date)s.")
                % {"date": objection.answer_due_on.isoformat()},
                url="/oversight/escalated-objections/",
            )
    return len(due)


def run_daily(today: datetime.date | None = None) -> dict[str, int]:
    """The periodic job: due items, overdue notices, escalations."""
    return {
        "created": create_due_items(today),
        "overdue": notify_overdue(today),
        "escalated": escalate_objections(today),
    }
