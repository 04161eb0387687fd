"""Forms of the staff desk: the case list's filters, the request for missing
items, the deadline extension and a platform admin's reason for reading."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assistance.cases.models import AttachmentKind, Kind, State

LISTED_STATES = [("open", _("all open cases"))] + [
    (v, label) for v, label in State.choices if v != State.DRAFT
]

STANDARD_ITEMS = (
    ("id_card", AttachmentKind.ID_CARD.label),
    ("hukou", AttachmentKind.HOUSEHOLD_REGISTER.label),
    ("authorisation", AttachmentKind.CHECK_AUTHORISATION.label),
    ("income", _("proof of income of every member")),
    ("property", _("proof of property (housing, vehicles, deposits)")),
    ("expenses", _("receipts of the large expenses")),
    ("commitment", _("the signed commitment (承诺书)")),
    ("bank", _("the bank account for payments")),
)


class PanelForm(forms.Form):
    """A form in a panel of the case page: its ids carry the panel's key, so
    several panels' fields never share an id."""

    panel = "panel"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.panel}-%s")
        super().__init__(*args, **kwargs)


class CaseFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All"))] + LISTED_STATES
    )
    kind = forms.ChoiceField(
        label=_("Assistance type"),
        required=False,
        choices=[("", _("All"))] + list(Kind.choices),
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    year = forms.IntegerField(
        label=_("Decided in the year"), required=False, min_value=2000, max_value=2100
    )
    community = forms.ChoiceField(label=_("Community"), required=False, choices=[])

    def __init__(self, *args: Any, communities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if communities is None:
            del self.fields["community"]
        else:
            self.communities = {c.slug: c for c in communities}
            self.fields["community"].choices = [("", _("All"))] + [
                (c.slug, c.name) for c in communities
            ]

    def filters(self) -> dict[str, Any]:
        """The valid filters (an invalid one is dropped, and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        chosen = data.get("community") or ""
        return {
            "state": data.get("state") or "",
            "kind": data.get("kind") or "",
            "overdue": bool(data.get("overdue")),
            "year": data.get("year"),
            "community": getattr(self, "communities", {}).get(chosen),
        }


class LinesField(forms.CharField):
    """One item per line (each at most 200 characters); blank lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 4})
    line_length = 200

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        if self.max_length is not None and len(text) > self.max_length:
            raise forms.ValidationError(
                _("At most %(n)s characters.") % {"n": self.max_length}
            )
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if any(len(line) > self.line_length for line in lines):
            raise forms.ValidationError(
                _("Each line at most %(n)s characters.") % {"n": self.line_length}
            )
        return lines


class MissingItemsForm(PanelForm):
    panel = "missing"
    standard = forms.MultipleChoiceField(
        label=_("Standard items"),
        required=False,
        choices=STANDARD_ITEMS,
        widget=forms.CheckboxSelectMultiple,
    )
    free_lines = LinesField(
        label=_("Other items, one per line"), required=False, max_length=4000
    )
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_standard(self) -> list[str]:
        labels = dict(STANDARD_ITEMS)
        return [str(labels[key]) for key in self.cleaned_data["standard"]]


class ExtendForm(PanelForm):
    panel = "extend"
    reason = forms.CharField(
        label=_("Reason for the extension"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonlessForm(forms.Form):
    """An action with nothing to fill in (a button)."""


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need this case file?"),
        min_length=10,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
