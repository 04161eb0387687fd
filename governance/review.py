"""The "Disclosure review" Wagtail workflow task (居务监督委员会审核).

One task, used by one workflow assigned to every community's disclosure board.
Only a supervision-committee member of the disclosure's community who is not on
the residents'/villagers' committee or the Party committee (两委) may act on it
(governance.rules.may_review_disclosure). Approving records who and when and
publishes the revision; returning needs a reason, which the author is told and
sees on the review page. The decisions are recorded by
governance.disclosures.record_review.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState


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
        from governance.rules import may_review_disclosure

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
        from governance.disclosures import record_review

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
        from governance.disclosures import reviewable_task_states

        return reviewable_task_states(user, task=self)

    @classmethod
    def get_description(cls):
        return _(
            "A supervision-committee member who is not on the 两委 approves or "
            "returns the disclosure."
        )


__all__ = ["SupervisionReviewTask", "TaskState"]
