"""Input shape of joining, rejecting a request and choosing a household's
representative; the rules live in services and predicates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.membership.models import Household, Membership
from communities.regions.models import Community


class JoinForm(forms.Form):
    """Ask to join: the household address fields depend on the community's kind."""

    real_name = forms.CharField(
        label=_("Your real name"),
        max_length=60,
        help_text=_(
            "The committee needs it to verify that you live here. Public pages show "
            "it masked, for example 张*明."
        ),
    )
    building = forms.CharField(label=_("Building"), max_length=20)
    unit = forms.CharField(
        label=_("Unit"), max_length=20, required=False, help_text=_("If any.")
    )
    room = forms.CharField(label=_("Room"), max_length=20)
    village_group = forms.CharField(
        label=_("Village group"),
        max_length=40,
        help_text=_("For example 第三村民小组."),
    )
    house_number = forms.CharField(label=_("House number"), max_length=20)
    is_adult = forms.BooleanField(label=_("I am 18 or older"), required=False)
    note = forms.CharField(
        label=_("Note for the committee"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Anything that helps the committee recognise you."),
    )

    URBAN_FIELDS = ("building", "unit", "room")
    RURAL_FIELDS = ("village_group", "house_number")

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.community = community
        drop = self.URBAN_FIELDS if community.is_village else self.RURAL_FIELDS
        for name in drop:
            del self.fields[name]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The person will see this reason."),
    )


class RepresentativeForm(forms.Form):
    """Choose the representative of one household among its verified residents.

    The choices offered are the household's verified residents; anything else sent
    (someone from another household or community, a pending applicant) is refused
    with an error saying why, before the service is called.
    """

    membership = forms.ModelChoiceField(
        label=_("Household representative"),
        queryset=Membership.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Choose the resident who will represent the household."),
            "invalid_choice": _("Choose a resident of this household."),
        },
    )

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"h{household.pk}")
        super().__init__(*args, **kwargs)
        self.household = household
        field = self.fields["membership"]
        # One form per household on a page: each label names its household.
        field.label = _("Representative of %(household)s") % {
            "household": household.label
        }
        # Validation looks at every membership of the household, so a pending
        # applicant gets the precise error below rather than "invalid choice".
        field.queryset = Membership.objects.filter(household=household).select_related(
            "user"
        )
        field.label_from_instance = lambda m: m.user.public_name
        residents = getattr(household, "residents", None)
        if residents is not None:
            # The page prefetched the verified residents: offer those, no query.
            field.choices = [(m.pk, m.user.public_name) for m in residents]
            current = next((m.pk for m in residents if m.is_representative), None)
            if current is not None and not self.is_bound:
                self.initial.setdefault("membership", current)

    def clean_membership(self) -> Membership:
        membership = self.cleaned_data["membership"]
        if membership.status != Membership.Status.VERIFIED:
            raise forms.ValidationError(
                _("Only a verified resident can represent a household.")
            )
        return membership
