"""Forms of paired regions: the region itself (agreement, plan), a pair, a liaison."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from communities.uploads import UploadField, document_max_bytes
from pairing.regions.models import Liaison

DATE = forms.DateInput(attrs={"type": "date"})
AGREEMENT_KINDS = {"pdf", "office", "image"}


class OwnIds(forms.Form):
    """A form whose field ids carry its own prefix: several forms share a page."""

    ids = "form"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.ids}-%s")
        super().__init__(*args, **kwargs)


class PairedRegionForm(OwnIds):
    ids = "region"
    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_(
            "Province and county, e.g. 甘肃省武山县. Charity projects and volunteer "
            "activities name the paired region with exactly this text."
        ),
    )
    province = forms.CharField(label=_("Province"), max_length=60)
    slug = forms.SlugField(
        label=_("Slug"),
        max_length=60,
        help_text=_("Used in the web address: /pairing/<slug>/."),
    )
    agreement = forms.CharField(
        label=_("Pairing agreement"), widget=forms.Textarea, required=False
    )
    agreement_document = UploadField(
        label=_("Agreement document"),
        kinds=AGREEMENT_KINDS,
        max_bytes=document_max_bytes(),
        required=False,
    )
    plan = forms.CharField(
        label=_("The district's plan"), widget=forms.Textarea, required=False
    )
    plan_starts_on = forms.DateField(
        label=_("Plan starts on"), widget=DATE, required=False
    )
    plan_ends_on = forms.DateField(label=_("Plan ends on"), widget=DATE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("plan_starts_on"), data.get("plan_ends_on")
        if starts and ends and ends < starts:
            self.add_error("plan_ends_on", _("The plan cannot end before it starts."))
        return data


class PairForm(OwnIds):
    ids = "pair"
    community = forms.ModelChoiceField(
        label=_("Our community"), queryset=Community.objects.none()
    )
    partner_name = forms.CharField(
        label=_("Paired village or community"), max_length=120
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, district: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.filter(
            street__parent=district
        ).order_by("name")


class LiaisonForm(OwnIds):
    ids = "liaison"
    side = forms.ChoiceField(label=_("Side"), choices=Liaison.Side.choices)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "Our side: the address of an existing account. Receiving side: an "
            "account is created if none exists, and the person is sent a link to "
            "set a password."
        ),
    )
    name = forms.CharField(label=_("Name"), max_length=60)
    title = forms.CharField(label=_("Title"), max_length=100)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The post cannot end before it starts."))
        return data
