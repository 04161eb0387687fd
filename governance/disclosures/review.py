"""The "Disclosure review" Wagtail workflow task (居务监督委员会审核).

One task, used by one workflow assigned to every community's disclosure board.
Only a supervision-committee member of the disclosure's community who is not on
the residents'/villagers' committee or the Party committee (两委) may act on it
(governance.disclosures.rules.may_review_disclosure). Approving records who and when and
publishes the revision; returning needs a reason, which the author is told and
sees on the review page. The decisions are recorded by
governance.disclosures.review.record_review.
"""

from __future__ import annotations

import rules
from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Task,
    TaskState,
)

from audit.services import record
from communities.models import Community, Role
from communities.roles.selectors import grants_in_force
from governance.disclosures.models import DisclosureReview
from governance.disclosures.pages import DisclosureIndexPage, DisclosurePage
from governance.disclosures.rules import may_review_disclosure
from governance.disclosures.services.base import KIND_RETURNED
from notifications.services import notify


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason for returning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=True,
        help_text=_("The author sees this reason."),
    )


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea, required=False, max_length=2000
    )


class SupervisionReviewTask(Task):
    """Approval by an independent supervision-committee member."""

    class Meta:
        verbose_name = _("supervision review task")
        verbose_name_plural = _("supervision review tasks")

    @staticmethod
    def _may(obj, user) -> bool:

        page = getattr(obj, "specific", obj)
        return bool(user and user.is_authenticated) and may_review_disclosure(
            user, page
        )

    def user_can_access_editor(self, obj, user) -> bool:
        return self._may(obj, user)

    def locked_for_user(self, obj, user) -> bool:
        # Nobody edits a disclosure while it waits for review: the reviewer approves
        # exactly what was submitted.
        return True

    def get_actions(self, obj, user):
        if self._may(obj, user):
            return [
                ("reject", _("Return with a reason"), True),
                ("approve", _("Approve and publish"), False),
            ]
        return []

    def get_form_for_action(self, action):
        return ReturnForm if action == "reject" else ApproveForm

    def on_action(self, task_state, user, action_name, **kwargs):

        page = task_state.workflow_state.content_object.specific
        if not self._may(page, user):
            raise PermissionDenied(_("You may not review this disclosure."))
        comment = (kwargs.get("comment") or "").strip()
        if action_name == "reject" and not comment:
            raise PermissionDenied(_("Give a reason for returning it."))
        record_review(
            page=page,
            revision=task_state.revision,
            reviewer=user,
            approved=action_name == "approve",
            reason=comment,
        )
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):

        return reviewable_task_states(user, task=self)

    @classmethod
    def get_description(cls):
        return _(
            "A supervision-committee member who is not on the 两委 approves or "
            "returns the disclosure."
        )


__all__ = ["SupervisionReviewTask", "TaskState"]


def reviewable_task_states(user, *, task=None):
    """In-progress review steps this person may approve or return."""
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=SupervisionReviewTask.objects.all() if task is None else [task],
    )
    if not getattr(user, "is_authenticated", False):
        return states.none()

    community_ids = [
        c for role, c, _r in grants_in_force(user) if role == Role.SUPERVISION and c
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
            title=gettext("Disclosure returned: %(title)s") % {"title": page.title},
            body=reason,
            url=f"/{community.slug}/disclosure-review/",
        )
    return review
