"""The district's allowed list of certificate types: list and add, edit, and one
URL each to deactivate and to activate again (district officers and platform
admins; each change audited by the service)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from communities.forms import add_validation_error
from communities.oversight.views import RegionView
from governance.certificates import selectors, services
from governance.certificates.forms import CertificateTypeForm
from governance.certificates.models import CertificateType

NAV_TYPES = "certificate-types"


def _saved(form: CertificateTypeForm, save: Any) -> bool:
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        add_validation_error(form, error)
        return False
    return True


class TypeListView(RegionView):
    permission_required = "governance.manage_certificate_types"
    nav_key = NAV_TYPES

    def page(self, form: CertificateTypeForm, status: int = 200) -> HttpResponse:
        rows = list(selectors.types_of_district(self.scope.pk, active_only=False))
        return self.render(
            "governance/certificates/types.html",
            {"rows": rows, "form": form, "placeholders": services.PLACEHOLDERS},
            status,
        )

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        return self.page(CertificateTypeForm())

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = CertificateTypeForm(request.POST)

        def save(data: dict[str, Any]) -> None:
            services.create_type(actor=request.user, district=self.scope, **data)

        if _saved(form, save):
            messages.success(request, _("The certificate is added to the list."))
            return redirect("governance:certificate-types", self.scope.slug)
        return self.page(form, status=400)


class TypeView(RegionView):
    """Edit one type (GET shows the form, POST saves it)."""

    permission_required = "governance.manage_certificate_types"
    nav_key = NAV_TYPES

    def item(self, pk: int) -> CertificateType:
        return get_object_or_404(CertificateType, district=self.scope, pk=pk)

    def page(self, item: CertificateType, form: Any, status: int = 200) -> HttpResponse:
        return self.render(
            "governance/certificates/type_edit.html",
            {"item": item, "form": form, "placeholders": services.PLACEHOLDERS},
            status,
        )

    def get(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        item = self.item(pk)
        return self.page(item, CertificateTypeForm.for_type(item))

    def post(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        item = self.item(pk)
        form = CertificateTypeForm(request.POST)

        def save(data: dict[str, Any]) -> None:
            services.update_type(actor=request.user, certificate_type=item, **data)

        if _saved(form, save):
            messages.success(request, _("The certificate type is saved."))
            return redirect("governance:certificate-types", self.scope.slug)
        return self.page(item, form, status=400)


class _ActiveView(RegionView):
    permission_required = "governance.manage_certificate_types"
    active = False
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        item = get_object_or_404(CertificateType, district=self.scope, pk=pk)
        try:
            services.set_type_active(
                actor=request.user, certificate_type=item, active=self.active
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The certificate is back on the list.")
                if self.active
                else _("The certificate is taken off the list."),
            )
        return redirect("governance:certificate-types", self.scope.slug)


class DeactivateView(_ActiveView):
    active = False


class ActivateView(_ActiveView):
    active = True
