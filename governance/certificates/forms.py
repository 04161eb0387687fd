"""Forms of certificates (出具证明): a district's certificate type, a resident's
request (the allowed types, and the national "must not issue" items in a second
group that are refused with where to go instead), the refusal, and the register's
filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.uploads import MB, MultipleUploadField
from governance.certificates import services
from governance.certificates.data import BY_KEY, FORBIDDEN
from governance.certificates.models import CertificateRequest, CertificateType

EVIDENCE_KINDS = {"pdf", "image"}
EVIDENCE_MAX_BYTES = 10 * MB
DATE = forms.DateInput(attrs={"type": "date"})


def _placeholder_help() -> str:
    return ", ".join("{" + key + "}" for key in services.PLACEHOLDERS)


class CertificateTypeForm(forms.Form):
    name = forms.CharField(label=_("Name of the certificate"), max_length=100)
    legal_basis = forms.CharField(
        label=_("Legal basis"), widget=forms.Textarea(attrs={"rows": 2})
    )
    purpose = forms.CharField(
        label=_("What it is used for"), widget=forms.Textarea(attrs={"rows": 2})
    )
    procedure = forms.CharField(
        label=_("Procedure"), widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(
        label=_("Required evidence"), widget=forms.Textarea(attrs={"rows": 2})
    )
    template = forms.CharField(
        label=_("Template text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Placeholders: {name} the person's name, {community} the community, "
            "{committee} the issuing committee, {purpose} the stated purpose, "
            "{date} the issue date, {type} the certificate's name, {serial} the "
            "serial number."
        ),
    )
    time_limit_days = forms.IntegerField(
        label=_("Time limit (working days)"), min_value=1, max_value=60, initial=3
    )
    order = forms.IntegerField(
        label=_("Order on the list"), min_value=0, max_value=999, initial=0
    )

    @classmethod
    def for_type(cls, certificate_type: CertificateType) -> CertificateTypeForm:
        return cls(
            initial={
                key: getattr(certificate_type, key) for key in services.TYPE_FIELDS
            }
        )


FORBIDDEN_PREFIX = "forbidden:"


class CertificateRequestForm(forms.Form):
    choice = forms.ChoiceField(label=_("Certificate"))
    person_name = forms.CharField(
        label=_("Name on the certificate"),
        max_length=60,
        help_text=_("Your full name as on your ID card."),
    )
    purpose = forms.CharField(
        label=_("What you need it for"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = MultipleUploadField(
        label=_("Evidence (images or PDF, several files allowed)"),
        kinds=EVIDENCE_KINDS,
        max_bytes=EVIDENCE_MAX_BYTES,
        required=False,
    )

    def __init__(self, *args: Any, types: list[CertificateType], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.types = {str(t.pk): t for t in types}
        self.fields["choice"].choices = [
            ("", "---------"),
            (
                _("Certificates the committee issues"),
                [(pk, t.name) for pk, t in self.types.items()],
            ),
            (
                _("Not issued by the committee (we tell you where to go)"),
                [(FORBIDDEN_PREFIX + item.key, item.name) for item in FORBIDDEN],
            ),
        ]

    def clean_choice(self) -> CertificateType:
        value = self.cleaned_data["choice"]
        if value.startswith(FORBIDDEN_PREFIX):
            item = BY_KEY[value.removeprefix(FORBIDDEN_PREFIX)]
            raise forms.ValidationError(services.forbidden_message(item))
        return self.types[value]

    def clean_evidence(self) -> list[Any]:
        files = self.cleaned_data.get("evidence") or []
        if len(files) > services.MAX_EVIDENCE_FILES:
            raise forms.ValidationError(
                _("At most %(count)s files.") % {"count": services.MAX_EVIDENCE_FILES}
            )
        return files


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the refusal"),
        max_length=1000,
        error_messages={"required": _("Give the reason for the refusal.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegisterFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all")), *CertificateRequest.Status.choices],
    )
    date_from = forms.DateField(label=_("Submitted from"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Submitted until"), required=False, widget=DATE)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "status": data.get("status") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "overdue": bool(data.get("overdue")),
        }


class RegionRegisterFilterForm(RegisterFilterForm):
    community = forms.ChoiceField(label=_("Community"), required=False)

    def __init__(self, *args: Any, communities: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", _("all"))] + [
            (c.slug, c.name) for c in communities
        ]
