"""Forms of comments: post, report, hide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from consultation.deliberation.models import COMMENT_MAX_LENGTH


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Plain text. Mention a resolution as #决议12, or paste the address of "
            "one of the community's pages (a disclosure, the charter) to link it."
        ),
    )
    agenda_item = forms.IntegerField(required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("Why?"), max_length=300, required=False)


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding (the author is told)"), max_length=1000
    )
