"""Forms of motions, closing a vote, paper tallies and proxies."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.forms import MAX_COUNT
from consultation.meetings.models import Meeting
from consultation.votes.models import Motion
from governance.charters.services.consultation import charters_awaiting_vote


class MotionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=None)
    title = forms.CharField(label=_("Question"), max_length=300)
    description = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea, required=False
    )
    method = forms.ChoiceField(label=_("Method"), choices=Motion.Method.choices)
    options = forms.CharField(
        label=_("Options (one per line)"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Not needed for for / against / abstain."),
    )
    max_choices = forms.IntegerField(
        label=_("Most choices per ballot"), min_value=1, max_value=MAX_COUNT, initial=1
    )
    electorate = forms.ChoiceField(
        label=_("Electorate"), choices=Motion.Electorate.choices
    )
    is_secret = forms.BooleanField(label=_("Secret ballot"), required=False)
    hide_results = forms.BooleanField(
        label=_("Hide results until the vote closes"), required=False
    )

    charter_version = forms.TypedChoiceField(
        label=_("Charter adoption vote"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Hold a charter's adoption vote as this motion (for / against / "
            "abstain). When the vote closes, the result goes to the charter."
        ),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        choices = charters_awaiting_vote(meeting.community)
        if choices:
            self.fields["charter_version"].choices = [
                ("", _("None: an ordinary motion"))
            ] + choices
        else:
            del self.fields["charter_version"]


class CloseVoteForm(forms.Form):
    """Closing a charter's adoption vote asks for the women attending."""

    women = forms.IntegerField(
        label=_("Women attending"),
        min_value=0,
        max_value=MAX_COUNT,
        help_text=_(
            "The charter's vote record counts the women attending; the "
            "consultation does not record gender."
        ),
    )


class PaperTallyForm(forms.Form):
    ballots = forms.IntegerField(
        label=_("Paper ballots cast"), min_value=0, max_value=MAX_COUNT
    )

    def __init__(self, *args, motion: Motion, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_fields = []
        for option in motion.options.all():
            name = f"option_{option.pk}"
            self.fields[name] = forms.IntegerField(
                label=option.label, min_value=0, max_value=MAX_COUNT, initial=0
            )
            self.option_fields.append((name, option.pk))

    def counts(self) -> dict[int, int]:
        return {pk: self.cleaned_data[name] for name, pk in self.option_fields}


class ProxyForm(forms.Form):
    elector = forms.ModelChoiceField(label=_("Elector"), queryset=None)
    holder_email = forms.EmailField(label=_("E-mail of the proxy holder"))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, motion: Motion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["elector"].queryset = motion.electors.select_related(
            "household", "user"
        )
