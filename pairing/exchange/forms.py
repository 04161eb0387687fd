"""Forms of the exchange: an update, situation feedback, a question, an answer
and a staff exchange."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.uploads import UploadField, document_max_bytes
from pairing.exchange.models import StaffExchange
from pairing.regions.forms import OwnIds

DATE = forms.DateInput(attrs={"type": "date"})
ATTACHMENT_KINDS = {"pdf", "office", "image", "text"}


class FeedbackForm(OwnIds):
    ids = "feedback"
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea)
    attachment = UploadField(
        label=_("Attachment"),
        kinds=ATTACHMENT_KINDS,
        max_bytes=document_max_bytes(),
        required=False,
    )


class UpdateForm(FeedbackForm):
    ids = "update"
    is_public = forms.BooleanField(label=_("Show on the public page"), required=False)


class QuestionForm(OwnIds):
    ids = "question"
    title = forms.CharField(label=_("Question"), max_length=200)
    body = forms.CharField(label=_("Details"), widget=forms.Textarea)


class AnswerForm(OwnIds):
    ids = "answer"
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea)


class ExchangeForm(OwnIds):
    ids = "exchange"
    people = forms.CharField(
        label=_("People"),
        max_length=300,
        help_text=_("Names and posts of those exchanged."),
    )
    direction = forms.ChoiceField(
        label=_("Direction"), choices=StaffExchange.Direction.choices
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The exchange cannot end before it starts."))
        return data
