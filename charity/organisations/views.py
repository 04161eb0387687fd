"""The managers' organisation form (new and edit)."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from charity.organisations import services
from charity.organisations.forms import OrganisationForm
from charity.organisations.models import Organisation
from charity.projects.views import ManagerView, submitted


class OrganisationEditView(ManagerView):
    template = "charity/organisation_form.html"

    def get(
        self, request: HttpRequest, slug: str, pk: int | None = None
    ) -> HttpResponse:
        organisation = self._organisation(pk)
        form = OrganisationForm(instance=organisation, community=self.community)
        return self.render(self.template, {"form": form, "organisation": organisation})

    def post(
        self, request: HttpRequest, slug: str, pk: int | None = None
    ) -> HttpResponse:
        organisation = self._organisation(pk)
        form = OrganisationForm(
            request.POST, instance=organisation, community=self.community
        )
        save = partial(
            services.save_organisation,
            actor=request.user,
            community=self.community,
            organisation=organisation,
        )
        if submitted(request, form, save, _("The organisation is saved.")):
            return redirect("charity:manage", slug=slug)
        context = {"form": form, "organisation": organisation}
        return self.render(self.template, context, 400)

    def _organisation(self, pk: int | None) -> Organisation | None:
        if pk is None:
            return None
        return get_object_or_404(Organisation, pk=pk, community=self.community)
