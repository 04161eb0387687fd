"""A community's own administration: its policy numbers (the portal and home
pages are Wagtail pages, `communities.regions.pages`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from communities.forms import add_validation_error
from communities.regions import services
from communities.regions.forms import CommunitySettingsForm
from communities.regions.models import CommunitySettings
from communities.views import CommunityView


class CommunitySettingsView(CommunityView):
    permission_required = "communities.change_communitysettings"
    nav_key = "settings"
    template = "communities/settings.html"

    def _instance(self) -> CommunitySettings:
        instance, _created = CommunitySettings.objects.get_or_create(
            community=self.community
        )
        return instance

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = CommunitySettingsForm(instance=self._instance())
        return self.render(self.template, {"form": form})

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = CommunitySettingsForm(request.POST, instance=self._instance())
        if form.is_valid():
            values = {
                name: form.cleaned_data[name]
                for name in form.fields
                if name in form.cleaned_data
            }
            try:
                services.update_community_settings(
                    actor=request.user, community=self.community, **values
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The settings have been saved."))
                return redirect("communities:settings", slug=slug)
        return self.render(self.template, {"form": form})
