"""Input shape for the charter pages; the rules live in governance.charters.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities import wording
from communities.forms import MAX_COUNT
from governance.charters.models import CharterKind


def split_clauses(text: str) -> list[str]:
    """One clause per paragraph: paragraphs are separated by an empty line."""
    blocks, current = [], []
    for line in (text or "").splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


class StartCharterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CharterKind.choices)
    title = forms.CharField(label=_("Title"), max_length=120)
    clauses = forms.CharField(
        label=_("Clauses"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("One clause per paragraph; leave an empty line between clauses."),
    )

    def __init__(self, *args: Any, community: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if community is not None:
            # A 社区 adopts a 居民公约, a 村 a 村规民约: offer only this community's kind.
            convention = (
                CharterKind.VILLAGE if community.is_village else CharterKind.RESIDENTS
            )
            self.fields["kind"].choices = [
                (CharterKind.CHARTER, CharterKind.CHARTER.label),
                (convention, wording.term(community, "convention")),
            ]

    def clean_clauses(self) -> list[str]:
        clauses = split_clauses(self.cleaned_data["clauses"])
        if not clauses:
            raise forms.ValidationError(_("Write at least one clause."))
        return clauses


class ClauseForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=80, required=False)
    text = forms.CharField(
        label=_("Text of the clause"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AddClauseForm(ClauseForm):
    after = forms.IntegerField(
        label=_("Insert after clause number"),
        required=False,
        min_value=0,
        max_value=MAX_COUNT,
        help_text=_("Leave empty to add it at the end."),
    )


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=_("Why this clause may stand"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your opinion on this clause"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What must change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VoteForm(forms.Form):
    held_on = forms.DateField(
        label=_("Meeting held on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    electorate = forms.IntegerField(
        label=_("Electorate (entitled to vote)"), min_value=1, max_value=MAX_COUNT
    )
    attendance = forms.IntegerField(
        label=_("Attending"), min_value=0, max_value=MAX_COUNT
    )
    women = forms.IntegerField(
        label=_("Women attending"), min_value=0, max_value=MAX_COUNT
    )
    votes_for = forms.IntegerField(label=_("For"), min_value=0, max_value=MAX_COUNT)
    against = forms.IntegerField(label=_("Against"), min_value=0, max_value=MAX_COUNT)
    abstain = forms.IntegerField(
        label=_("Abstaining"), min_value=0, max_value=MAX_COUNT
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"held_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class PublishForm(forms.Form):
    in_force_on = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"})
    )


class RevisionForm(forms.Form):
    summary = forms.CharField(
        label=_("What this revision is for"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
