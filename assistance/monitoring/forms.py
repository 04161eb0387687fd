"""Forms of periodic review and warnings: input shape only (the services
enforce the rules). The review form has one field per income item and per
member of the case, built from the case."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.cases.models import Case, Relationship
from assistance.decisions.forms import MonthField, next_month
from assistance.monitoring.models import WarningAction
from assistance.monitoring.services import Changes

TEXT = forms.Textarea(attrs={"rows": 4})
MAX_AMOUNT = Decimal("100000000")
AMOUNT_ERRORS = {
    "min_value": _("An amount cannot be negative."),
    "max_value": _("This amount is too large; check the number."),
}


def _amount(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
        error_messages=AMOUNT_ERRORS,
    )


class ReviewForm(forms.Form):
    visited_on = forms.DateField(
        label=_("Visited on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    findings = forms.CharField(
        label=_("What the visit found"), widget=TEXT, max_length=4000
    )
    expenses = _amount(_("Large necessary expenses now (yuan)"))
    new_name = forms.CharField(
        label=_("New member: name"), max_length=60, required=False
    )
    new_relationship = forms.ChoiceField(
        label=_("New member: relationship to the applicant"),
        choices=[("", "—")]
        + [c for c in Relationship.choices if c[0] != Relationship.SELF],
        required=False,
    )
    new_birth_year = forms.IntegerField(
        label=_("New member: year of birth"), required=False, min_value=1900
    )
    new_able = forms.BooleanField(label=_("New member: able to work"), required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.income_names: list[str] = []
        self.member_names: list[tuple[str, str]] = []
        for item in case.incomes.select_related("member"):
            name = f"income_{item.pk}"
            whose = item.member.name if item.member else _("the household")
            self.fields[name] = _amount(
                f"{item.get_kind_display()} · {whose} ({_('yuan per month')})"
            )
            self.initial.setdefault(name, item.monthly_amount)
            self.income_names.append(name)
        for member in case.members.all():
            able, left = f"able_{member.pk}", f"left_{member.pk}"
            self.fields[able] = forms.BooleanField(
                label=_("%(name)s is able to work") % {"name": member.name},
                required=False,
                initial=member.able_to_work,
            )
            names = (able, "")
            if member.relationship != Relationship.SELF:
                self.fields[left] = forms.BooleanField(
                    label=_("%(name)s has left the household") % {"name": member.name},
                    required=False,
                )
                names = (able, left)
            self.member_names.append(names)
        self.initial.setdefault("visited_on", timezone.localdate())

    def clean_visited_on(self):
        day = self.cleaned_data["visited_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The visit cannot be in the future."))
        return day

    def clean_new_birth_year(self):
        year = self.cleaned_data.get("new_birth_year")
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("A year of birth cannot be in the future."))
        return year

    def clean(self):
        data = super().clean()
        if data.get("new_name") and not data.get("new_relationship"):
            self.add_error("new_relationship", _("Say how the new member is related."))
        if data.get("new_relationship") and not data.get("new_name"):
            self.add_error("new_name", _("Give the new member's name."))
        return data

    def changes(self) -> Changes:
        data = self.cleaned_data
        new_member = None
        if data.get("new_name"):
            new_member = {
                "name": data["new_name"],
                "relationship": data["new_relationship"],
                "birth_year": data.get("new_birth_year"),
                "able_to_work": bool(data.get("new_able")),
            }
        return Changes(
            incomes={int(name.split("_")[1]): data[name] for name in self.income_names},
            leaving={
                int(name.split("_")[1])
                for _able, name in self.member_names
                if name and data.get(name)
            },
            able={
                int(name.split("_")[1])
                for name, _left in self.member_names
                if data.get(name)
            },
            new_member=new_member,
            expenses=data["expenses"],
        )

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "visited_on": self.cleaned_data["visited_on"],
            "findings": self.cleaned_data["findings"],
            "changes": self.changes(),
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("apply", _("Pay the recalculated amount")),
            ("keep", _("Keep the current amount")),
            ("stop", _("Stop the assistance (停发)")),
        ],
    )
    from_month = MonthField(label=_("From the month"), max_length=7)
    reasons = forms.CharField(
        label=_("Reasons (told to the household)"),
        widget=TEXT,
        min_length=10,
        max_length=4000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("from_month", next_month())


class WarningActionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What was done"),
        choices=[("", "—"), *WarningAction.choices],
    )
    note = forms.CharField(label=_("Note"), widget=TEXT, min_length=4, max_length=4000)


class ShowForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("soon", _("due within 30 days")),
            ("overdue", _("overdue")),
            ("month", _("due this month")),
            ("all", _("all")),
        ],
    )

    def chosen(self) -> str:
        return (self.cleaned_data.get("show") if self.is_valid() else "") or "soon"
