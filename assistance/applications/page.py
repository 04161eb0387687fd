"""The one-page application form: the case's own fields and a formset per
section (members, incomes, property, expenses), built from a saved case or from
a submitted page, and turned into `services.ApplicationData`.

Each formset shows a few blank rows; "more rows" (a submit button, no script
needed) saves the draft and shows three more blank rows in that section.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from assistance.applications.forms import (
    ApplicationForm,
    ExpenseForm,
    IncomeForm,
    MemberForm,
    PropertyForm,
)
from assistance.applications.selectors import prefill_members
from assistance.applications.services import MAX_ROWS, ApplicationData
from assistance.cases.models import Case

SECTIONS = ("members", "incomes", "properties", "expenses")
EXTRA = {"members": 2, "incomes": 3, "properties": 2, "expenses": 2}
MORE = 3


class RowFormSet(forms.BaseFormSet):
    """Every row may be left blank; a blank row is skipped."""

    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        kwargs["empty_permitted"] = True
        kwargs["use_required_attribute"] = False
        return super()._construct_form(i, **kwargs)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {**form.cleaned_data, "position": index + 1}
            for index, form in enumerate(self.forms)
            if form.has_changed() and form.cleaned_data
        ]


def _formset(form: type[forms.Form], extra: int) -> type[RowFormSet]:
    return forms.formset_factory(
        form,
        formset=RowFormSet,
        extra=extra,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS + 10,
    )


FORMS = {
    "members": MemberForm,
    "incomes": IncomeForm,
    "properties": PropertyForm,
    "expenses": ExpenseForm,
}


def _initial(case: Case) -> dict[str, list[dict[str, Any]]]:
    members = list(case.members.all())
    if not members:
        return {"members": prefill_members(case), "incomes": [], "properties": [], "expenses": []}  # fmt: skip
    position = {member.pk: index + 1 for index, member in enumerate(members)}
    return {
        "members": [
            {
                "name": m.name,
                "relationship": m.relationship,
                "birth_year": m.birth_year,
                "employment": m.employment,
                "able_to_work": m.able_to_work,
                "account": m.user_id,
            }
            for m in members
        ],
        "incomes": [
            {
                "member": position.get(i.member_id),
                "kind": i.kind,
                "monthly_amount": i.monthly_amount,
            }
            for i in case.incomes.all()
        ],
        "properties": [
            {"kind": p.kind, "description": p.description, "value": p.value}
            for p in case.properties.all()
        ],
        "expenses": [
            {"kind": e.kind, "description": e.description, "amount": e.amount}
            for e in case.expenses.all()
        ],
    }


def _case_initial(case: Case) -> dict[str, Any]:
    return {
        "kind": case.kind,
        "temporary_cause": case.temporary_cause,
        "applicant_name": case.applicant_name,
        "applicant_phone": case.applicant_phone,
        "reason": case.reason,
        "bank_account": case.bank_account,
        "relative_registered": case.relative_registered,
        "relative_note": case.relative_note,
        "commitment_accepted": case.commitment_signed_at is not None,
        "commitment_name": case.commitment_name,
    }


def _posted_member_names(data: QueryDict) -> list[tuple[int, str]]:
    try:
        total = min(int(data.get("members-TOTAL_FORMS", 0)), MAX_ROWS + 10)
    except (TypeError, ValueError):
        total = 0
    names = (
        (i + 1, (data.get(f"members-{i}-name") or "").strip()) for i in range(total)
    )
    return [(position, f"{position}. {name}") for position, name in names if name]


class ApplicationPage:
    """The form and its four formsets, bound or not."""

    def __init__(
        self,
        case: Case,
        data: QueryDict | None = None,
        files: Any = None,
        more: str = "",
    ) -> None:
        self.case = case
        if data is None:
            initial = _initial(case)
            self.form = ApplicationForm(initial=_case_initial(case))
            members = [
                (i + 1, f"{i + 1}. {row['name']}")
                for i, row in enumerate(initial["members"])
            ]
        else:
            initial = dict.fromkeys(SECTIONS)
            self.form = ApplicationForm(data, files)
            members = _posted_member_names(data)
        self.formsets = {}
        for section in SECTIONS:
            extra = EXTRA[section] + (MORE if more == section else 0)
            self.formsets[section] = _formset(FORMS[section], extra)(
                data,
                initial=initial[section],
                prefix=section,
                form_kwargs={"members": members} if section == "incomes" else {},
            )

    def is_valid(self) -> bool:
        results = [self.form.is_valid()]
        results += [formset.is_valid() for formset in self.formsets.values()]
        return all(results)

    def application_data(self) -> ApplicationData:
        rows = {name: formset.rows() for name, formset in self.formsets.items()}
        return ApplicationData(
            fields=dict(self.form.cleaned_data),
            uploads=self.form.uploads(),
            **rows,
        )

    def context(self) -> dict[str, Any]:
        return {"form": self.form, **self.formsets}
