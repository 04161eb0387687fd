"""Forms of service-type assistance: organisations and workers, the referral
(from the case page), the worker's answer, visit and outcome, contracts, and the
charity need and volunteer visit asked from the case page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assistance.handling.forms import PanelForm
from assistance.referrals.models import (
    ContractItem,
    Qualification,
    Referral,
    Service,
    ServiceContract,
    SocialWorker,
    SocialWorkOrganisation,
)
from assistance.referrals.selectors import organisations_serving
from communities.forms import MAX_COUNT, ModelMultipleIdField, parse_id


class IdChoiceField(forms.ModelChoiceField):
    """A choice of one row by id that refuses a value no id column holds."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})


class OrganisationForm(forms.ModelForm):
    areas = ModelMultipleIdField(
        label=_("Service areas"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose communities from the list.")},
    )

    class Meta:
        model = SocialWorkOrganisation
        fields = [
            "name",
            "credit_code",
            "registration",
            "contact_name",
            "contact_phone",
        ]

    def __init__(self, *args: Any, communities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = communities
        if self.instance.pk:
            self.initial.setdefault("areas", list(self.instance.areas.all()))

    def clean_credit_code(self) -> str:
        return self.cleaned_data["credit_code"].strip().upper()

    def data_for_service(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class WorkerForm(forms.Form):
    email = forms.EmailField(label=_("The social worker's account e-mail"))
    qualification = forms.ChoiceField(
        label=_("Professional qualification"), choices=Qualification.choices
    )
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=40)
    is_lead = forms.BooleanField(label=_("Lead worker"), required=False)


class ReferForm(PanelForm):
    panel = "refer"
    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    organisation = IdChoiceField(
        label=_("Organisation"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    worker = forms.ChoiceField(
        label=_("Social worker"),
        required=False,
        choices=[],
        help_text=_("Leave empty for the organisation's lead worker to assign."),
    )
    note = forms.CharField(
        label=_("Note for the social worker"),
        max_length=2000,
        widget=TEXT,
        help_text=_("Only what the worker needs for the service."),
    )

    def __init__(self, *args: Any, organisations: Any, workers: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.workers = {str(w.pk): w for w in workers}
        self.fields["worker"].choices = [("", _("The lead assigns"))] + [
            (str(w.pk), f"{w.user.public_name} · {w.organisation.name}")
            for w in workers
        ]

    def clean_worker(self) -> Any:
        return self.workers.get(self.cleaned_data.get("worker") or "")


def refer_form(case: Any, data: Any = None) -> ReferForm:
    """The referral form of a case: the organisations serving its community and
    their active workers."""
    organisations = organisations_serving(case.community)
    workers = SocialWorker.objects.filter(
        organisation__in=organisations, is_active=True
    ).select_related("user", "organisation")
    return ReferForm(data, organisations=organisations, workers=workers)


class AssignForm(forms.Form):
    worker = IdChoiceField(
        label=_("Social worker"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose a worker from the list.")},
    )

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        self.fields["worker"].label_from_instance = lambda w: w.user.public_name


class ButtonForm(forms.Form):
    """An action that is a button: the referral comes from the URL."""


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the referral is declined"), max_length=300, widget=TEXT
    )


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Date of the visit"), widget=DATE)
    minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=24 * 60
    )
    notes = forms.CharField(label=_("What was done"), max_length=5000, widget=TEXT)


class CompleteForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Referral.Outcome.choices)
    summary = forms.CharField(
        label=_("Summary of the outcome"), max_length=5000, widget=TEXT
    )


class ContractForm(forms.ModelForm):
    organisation = IdChoiceField(
        label=_("Organisation"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )

    class Meta:
        model = ServiceContract
        fields = ["organisation", "title", "starts_on", "ends_on", "budget"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for service in Service:
            for unit in ContractItem.Unit:
                self.fields[f"{service.value}_{unit.value}"] = forms.IntegerField(
                    label=f"{service.label}: {unit.label}",
                    required=False,
                    min_value=1,
                    max_value=MAX_COUNT,
                )

    def item_fields(self) -> list[Any]:
        return [
            self[f"{s.value}_{u.value}"] for s in Service for u in ContractItem.Unit
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.items():
            raise forms.ValidationError(_("Enter at least one contracted service."))
        return data

    def items(self) -> dict[tuple[str, str], int]:
        data = getattr(self, "cleaned_data", {})
        return {
            (s.value, u.value): data[f"{s.value}_{u.value}"]
            for s in Service
            for u in ContractItem.Unit
            if data.get(f"{s.value}_{u.value}")
        }


class NeedForm(PanelForm):
    panel = "need"
    item = forms.CharField(label=_("Goods needed"), max_length=200)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=MAX_COUNT)
    unit = forms.CharField(label=_("Unit"), max_length=20)
    needed_by = forms.DateField(label=_("Needed by"), widget=DATE)
    description = forms.CharField(
        label=_("Public description (no names, numbers or address)"),
        max_length=2000,
        required=False,
        widget=TEXT,
    )


class VolunteerVisitForm(PanelForm):
    panel = "volunteer-visit"
    title = forms.CharField(label=_("Activity title"), max_length=200)
    place = forms.CharField(
        label=_("Area (no address)"),
        max_length=200,
        help_text=_(
            "For example the community's name; the assistance coordinator gives "
            "the address to the volunteers who go."
        ),
    )
    description = forms.CharField(
        label=_("What the volunteers would do (no names or numbers)"),
        max_length=2000,
        widget=TEXT,
    )


class ReferralFilterForm(forms.Form):
    service = forms.ChoiceField(
        label=_("Service"), required=False, choices=[("", _("All"))] + Service.choices
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("open", _("open"))] + Referral.Status.choices,
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("All"))] + Referral.Outcome.choices,
    )

    def filters(self) -> dict[str, str]:
        """The valid filters (an invalid one is dropped, and shown as an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {k: data.get(k) or "" for k in ("service", "status", "outcome")}
