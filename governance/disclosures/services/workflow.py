"""The supervision review workflow: finance and 居务 items publish only when an
independent supervision member approves them (governance/disclosures/review.py)."""

from __future__ import annotations

from typing import Any

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import TaskState, Workflow, WorkflowTask

from communities.models import Role
from communities.selectors import role_holders
from governance.disclosures.pages import DisclosurePage
from governance.disclosures.review import SupervisionReviewTask
from governance.disclosures.services.base import (
    KIND_REVIEW_REQUESTED,
    TASK_NAME,
    WORKFLOW_NAME,
    require_permission,
)
from notifications.services import notify


# ---------------------------------------------------------------------------
# Setting a community up: the board, its workflow, its catalogue
# ---------------------------------------------------------------------------
def _site_language(message: str) -> str:
    """`message` in the site's language (workflow and task names are rows the
    Wagtail admin shows as they are, so they are stored translated)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(_lazy(message))  # noqa: INT001


def ensure_review_workflow() -> Workflow:
    """The one "Disclosure review" workflow with its supervision review task,
    named in the site's language; rows still carrying the untouched English
    defaults are renamed."""
    name = _site_language(WORKFLOW_NAME)
    workflow = Workflow.objects.filter(name__in={WORKFLOW_NAME, name}).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
    elif workflow.name != name:
        workflow.name = name
        workflow.save(update_fields=["name"])
    task_name = _site_language(TASK_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = SupervisionReviewTask.objects.filter(active=True).first()
        if task is None:
            task = SupervisionReviewTask.objects.create(name=task_name)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    SupervisionReviewTask.objects.filter(name=TASK_NAME).exclude(name=task_name).update(
        name=task_name
    )
    return workflow


@transaction.atomic
def submit_for_review(*, actor: Any, page: DisclosurePage):
    """Start the review workflow on the page's latest revision (committee)."""
    community = page.community_of_disclosure()
    require_permission(actor.has_perm("governance.manage_catalogue", community))
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
    require_permission(rules.has_perm("governance.review_disclosure", actor, page))
    state = _current_task_state(page)
    state.task.specific.on_action(state.specific, actor, "approve")
    page.refresh_from_db()
    return page


@transaction.atomic
def reject(*, actor: Any, page: DisclosurePage, reason: str) -> DisclosurePage:
    """Return the disclosure to its author with a reason (required)."""
    require_permission(rules.has_perm("governance.review_disclosure", actor, page))
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
    candidates = role_holders(roles=[Role.SUPERVISION], community=community)
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
