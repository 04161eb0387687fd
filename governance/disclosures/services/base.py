"""What every disclosure write shares: notification kinds, limits, the permission check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# The review workflow's and task's names (msgids: stored in the site's language,
# see services.workflow.ensure_review_workflow).
WORKFLOW_NAME = gettext_noop("Disclosure review")
TASK_NAME = gettext_noop("Supervision review")
KIND_REVIEW_REQUESTED = "governance.disclosure_review_requested"
KIND_RETURNED = "governance.disclosure_returned"
KIND_OVERDUE = "governance.disclosure_overdue"
KIND_OBJECTION_FILED = "governance.objection_filed"
KIND_OBJECTION_ANSWERED = "governance.objection_answered"
KIND_OBJECTION_ESCALATED = "governance.objection_escalated"
OBJECTIONS_PER_DAY = 5
OBJECTION_MIN_LENGTH = 5
OBJECTION_MAX_LENGTH = 2000


def require_permission(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))
