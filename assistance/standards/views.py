"""The public standards page and the district supervisor's pages: record a
standard, change the district's settings, add and remove working-day overrides
(one action per URL)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from assistance.standards import selectors, services
from assistance.standards.forms import OverrideForm, SettingsForm, StandardForm
from assistance.standards.models import WorkdayOverride
from communities.cache import cache_public_page
from communities.forms import add_validation_error
from communities.oversight.views import RegionView

MANAGE_TEMPLATE = "assistance/standards/manage.html"


@require_safe
@cache_public_page
def standards_page(request: HttpRequest) -> HttpResponse:
    """Every district's current and past standards, for everyone."""
    return render(
        request,
        "assistance/standards/public.html",
        {
            "districts": selectors.public_overview(),
            "sizes": list(selectors.HOUSEHOLD_SIZES),
        },
    )


class ManageView(RegionView):
    """The district's standards, settings and overrides, with their forms."""

    permission_required = "assistance.manage_standards"
    nav_key = "assistance-standards"

    def page(self, status: int = 200, **forms: Form) -> HttpResponse:
        district = self.scope
        policy = selectors.settings_for(district)
        context: dict[str, Any] = {
            "standards": selectors.history(district),
            "overrides": selectors.overrides(district),
            "standard_form": StandardForm(),
            "settings_form": SettingsForm(instance=policy),
            "override_form": OverrideForm(),
            **forms,
        }
        return self.render(MANAGE_TEMPLATE, context, status=status)

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        return self.page()

    def done(self, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect("assistance:manage-standards", self.scope.slug)


class RecordStandardView(ManageView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = StandardForm(request.POST)
        if form.is_valid():
            try:
                services.record_standard(
                    district=self.scope, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                return self.done(_("The new standard is recorded."))
        return self.page(status=400, standard_form=form)


class SettingsUpdateView(ManageView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        policy = selectors.settings_for(self.scope)
        form = SettingsForm(request.POST, instance=policy)
        if form.is_valid():
            services.save_settings(
                policy=form.instance, changed=form.changed_data, actor=request.user
            )
            return self.done(_("The district's assistance settings are saved."))
        return self.page(status=400, settings_form=form)


class AddOverrideView(ManageView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = OverrideForm(request.POST)
        if form.is_valid():
            try:
                services.add_override(
                    district=self.scope, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                return self.done(_("The date is added to the district's calendar."))
        return self.page(status=400, override_form=form)


class RemoveOverrideView(ManageView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        override = get_object_or_404(WorkdayOverride, pk=pk, district=self.scope)
        services.remove_override(override=override, actor=request.user)
        return self.done(_("The date is removed from the district's calendar."))
