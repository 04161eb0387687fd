"""Input shape of the joint qualification review pages; the rules live in
governance.vetting.services (their errors reach the forms through
communities.forms.add_validation_error)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communities.forms import ModelMultipleIdField
from communities.membership.selectors import verified_residents
from communities.models import Community
from communities.selectors import committee_members
from governance.bodies.models import Term
from governance.vetting.models import Purpose, VettingSettings

MAX_EMAILS = 30


def eligible_people(community: Community):
    """Who may be picked as a candidate: the community's verified residents, its
    committee members and the people holding a term in its bodies."""
    User = get_user_model()
    return User.objects.filter(
        Q(pk__in=verified_residents(community).values("pk"))
        | Q(pk__in=committee_members(community).values("pk"))
        | Q(
            pk__in=Term.objects.current()
            .filter(body__community=community)
            .values("person_id")
        )
    ).order_by("display_name", "pk")


def _person_label(user: Any) -> str:
    return f"{user.public_name} ({user.email})"


def accounts_by_email(text: str) -> list[Any]:
    """The accounts named one address per line; a ValidationError names the first
    address without an account."""
    User = get_user_model()
    addresses = [line.strip() for line in text.splitlines() if line.strip()]
    if len(addresses) > MAX_EMAILS:
        raise forms.ValidationError(
            _("Name at most %(count)d addresses at once."),
            params={"count": MAX_EMAILS},
        )
    people = []
    validate = forms.EmailField().clean
    for address in addresses:
        validate(address)
        user = User.objects.filter(email__iexact=address).first()
        if user is None:
            raise forms.ValidationError(
                _("There is no account with the address %(email)s."),
                params={"email": address},
            )
        people.append(user)
    return people


class CommunityChoiceForm(forms.Form):
    """Step one of opening a round (a GET form): which community."""

    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.none(),
        to_field_name="slug",
        error_messages={"invalid_choice": _("Choose a community of this region.")},
    )

    def __init__(self, *args: Any, communities, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities


class OpenRoundForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    departments = ModelMultipleIdField(
        label=_("Reviewing departments"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one department."),
            "invalid_choice": _("Choose departments of the community's district."),
            "invalid_pk_value": _("Choose departments of the community's district."),
        },
    )
    grounds = ModelMultipleIdField(
        label=_("Negative-list grounds"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one ground."),
            "invalid_choice": _("Choose grounds of the community's district."),
            "invalid_pk_value": _("Choose grounds of the community's district."),
        },
    )
    people = ModelMultipleIdField(
        label=_("Candidates from the community"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Verified residents, committee members and people in office."),
        error_messages={
            "invalid_choice": _("Choose people of the community."),
            "invalid_pk_value": _("Choose people of the community."),
        },
    )
    emails = forms.CharField(
        label=_("Other candidates by e-mail address"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address of an existing account per line."),
    )

    def __init__(
        self, *args: Any, community: Community, departments, grounds, **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial", {"departments": list(departments), "grounds": list(grounds)}
        )
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments
        self.fields["grounds"].queryset = grounds
        self.fields["people"].queryset = eligible_people(community)
        self.fields["people"].label_from_instance = _person_label

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            extra = accounts_by_email(data.get("emails", ""))
        except forms.ValidationError as error:
            self.add_error("emails", error)
            return data
        data["candidates"] = list(data.get("people") or []) + extra
        if not data["candidates"] and not self.errors:
            raise forms.ValidationError(_("Add at least one candidate."))
        return data


class AddCandidateForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the candidate"))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        self.cleaned_data["person"] = accounts_by_email(email)[0]
        return email


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects already loaded (the round page renders a form per
    candidate without a query per form); cleans to the object."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.objects: dict[str, Any] = {}

    def set_objects(self, objects: list[Any], label=str, blank: bool = False) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        choices = [(key, label(obj)) for key, obj in self.objects.items()]
        self.choices = ([("", "---------")] if blank else []) + choices

    def clean(self, value: Any) -> Any:
        key = super().clean(value)
        return self.objects.get(key) if key else None


class ResultForm(forms.Form):
    """One department's result for one candidate (a form per candidate)."""

    PASS, FAIL = "pass", "fail"

    candidate = ObjectChoiceField(
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("This person is not a candidate of this round."),
            "required": _("This person is not a candidate of this round."),
        },
    )
    department = ObjectChoiceField(
        label=_("Department"),
        error_messages={
            "invalid_choice": _("This department does not review in this round."),
            "required": _("Choose the department that answered."),
        },
    )
    outcome = forms.ChoiceField(
        label=_("Result"),
        choices=[(PASS, _("pass")), (FAIL, _("fail"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose pass or fail.")},
    )
    ground = ObjectChoiceField(
        label=_("Ground (for a fail)"),
        required=False,
        error_messages={
            "invalid_choice": _("This ground is not on this round's negative list.")
        },
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(
        self, *args: Any, candidates, departments, grounds, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidate"].set_objects(candidates)
        self.fields["department"].set_objects(departments, lambda d: d.name)
        self.fields["ground"].set_objects(grounds, lambda g: g.name, blank=True)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = VettingSettings
        fields = ["validity_days", "one_shoulder_target"]


class ListItemForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)


class ExceptionForm(forms.Form):
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.none(),
        to_field_name="slug",
        error_messages={"invalid_choice": _("Choose a community of this district.")},
    )
    email = forms.EmailField(label=_("E-mail address of the person"))
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, communities, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        self.cleaned_data["person"] = accounts_by_email(email)[0]
        return email
