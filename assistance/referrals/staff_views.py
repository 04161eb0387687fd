"""The street's and district's pages of service-type assistance: the social-work
organisations (register, edit, add and pause workers), the purchased-service
contracts with delivered vs contracted, and the list of referrals behind the
dashboard's figures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assistance.referrals import selectors, services
from assistance.referrals.forms import (
    ContractForm,
    OrganisationForm,
    ReferralFilterForm,
    WorkerForm,
)
from assistance.referrals.models import SocialWorker, SocialWorkOrganisation
from communities.forms import add_validation_error
from communities.models import Community
from communities.oversight.views import RegionView
from communities.pagination import page_of
from communities.views import refusal

NAV_ORGANISATIONS = "assistance-organisations"
NAV_CONTRACTS = "assistance-contracts"


def _communities(region: Any) -> Any:
    return Community.objects.filter(selectors.regions_below(region)).select_related(
        "street"
    )


def _saved(form: Any, save: Any) -> bool:
    """Validate the form and run the service; errors go to the form."""
    if not form.is_valid():
        return False
    try:
        save(form)
    except ValidationError as error:
        add_validation_error(form, error)
        return False
    return True


class OrganisationListView(RegionView):
    permission_required = "assistance.register_organisation"
    nav_key = NAV_ORGANISATIONS

    def page(self, form: OrganisationForm, status: int = 200) -> HttpResponse:
        rows = page_of(self.request, selectors.organisations_of(self.scope))
        context = {"rows": rows, "form": form}
        return self.render("assistance/referrals/organisations.html", context, status)

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        return self.page(OrganisationForm(communities=_communities(self.scope)))

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = OrganisationForm(request.POST, communities=_communities(self.scope))

        def save(form: OrganisationForm) -> None:
            self.created = services.register_organisation(
                actor=request.user, region=self.scope, **form.cleaned_data
            )

        if _saved(form, save):
            messages.success(request, _("The organisation is registered."))
            return redirect("assistance:organisation", self.created.pk)
        return self.page(form, status=400)


def _organisation_page(
    request: HttpRequest, org: SocialWorkOrganisation, status: int = 200, **forms: Any
) -> HttpResponse:
    user = request.user
    region = org.street or org.district
    if user.has_perm("assistance.edit_organisation", org):
        forms.setdefault(
            "edit", OrganisationForm(instance=org, communities=_communities(region))
        )
    if user.has_perm("assistance.add_social_worker", org):
        forms.setdefault("worker", WorkerForm())
    context = {
        "org": org,
        "workers": list(org.workers.select_related("user")),
        "areas": list(org.areas.order_by("name")),
        "may_edit": user.has_perm("assistance.edit_organisation", org),
        **forms,
    }
    return render(
        request, "assistance/referrals/organisation.html", context, status=status
    )


def _org(request: HttpRequest, pk: int, perm: str) -> Any:
    org = get_object_or_404(
        SocialWorkOrganisation.objects.select_related("street", "district"), pk=pk
    )
    if not request.user.has_perm(perm, org):
        return None, refusal(request, perm, org)
    return org, None


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(SocialWorkOrganisation, pk=pk)
    user = request.user
    if not (
        user.has_perm("assistance.edit_organisation", org)
        or user.has_perm("assistance.add_social_worker", org)
    ):
        return refusal(request, "assistance.edit_organisation", org)
    return _organisation_page(request, org)


@require_POST
@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org, refused = _org(request, pk, "assistance.edit_organisation")
    if refused:
        return refused
    region = org.street or org.district
    form = OrganisationForm(
        request.POST, instance=org, communities=_communities(region)
    )

    def save(form: OrganisationForm) -> None:
        services.edit_organisation(
            actor=request.user, organisation=org, **form.cleaned_data
        )

    if _saved(form, save):
        messages.success(request, _("The organisation is saved."))
        return redirect("assistance:organisation", org.pk)
    org.refresh_from_db()
    return _organisation_page(request, org, status=400, edit=form)


@require_POST
@login_required
def worker_add(request: HttpRequest, pk: int) -> HttpResponse:
    org, refused = _org(request, pk, "assistance.add_social_worker")
    if refused:
        return refused
    form = WorkerForm(request.POST)

    def save(form: WorkerForm) -> None:
        services.add_worker(actor=request.user, organisation=org, **form.cleaned_data)

    if _saved(form, save):
        messages.success(request, _("The social worker is added."))
        return redirect("assistance:organisation", org.pk)
    return _organisation_page(request, org, status=400, worker=form)


@require_POST
@login_required
def worker_active(request: HttpRequest, pk: int, worker: int) -> HttpResponse:
    org, refused = _org(request, pk, "assistance.add_social_worker")
    if refused:
        return refused
    row = get_object_or_404(SocialWorker, organisation=org, pk=worker)
    active = request.POST.get("active") == "1"
    services.set_worker_active(actor=request.user, worker=row, active=active)
    messages.success(request, _("The social worker's status is saved."))
    return redirect("assistance:organisation", org.pk)


class ContractListView(RegionView):
    permission_required = "assistance.manage_contracts"
    nav_key = NAV_CONTRACTS

    def page(self, form: ContractForm, status: int = 200) -> HttpResponse:
        contracts = page_of(self.request, selectors.contracts_query(self.scope))
        contracts.object_list = selectors.with_items(contracts.object_list)
        context = {"contracts": contracts, "form": form}
        return self.render("assistance/referrals/contracts.html", context, status)

    def form(self, data: Any = None) -> ContractForm:
        orgs = selectors.organisations_of(self.scope)
        return ContractForm(data, organisations=orgs)

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        return self.page(self.form())

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = self.form(request.POST)

        def save(form: ContractForm) -> None:
            data = {k: form.cleaned_data[k] for k in ContractForm.Meta.fields}
            services.add_contract(
                actor=request.user, region=self.scope, items=form.items(), **data
            )

        if _saved(form, save):
            messages.success(request, _("The contract is recorded."))
            return redirect("assistance:contracts", self.scope.slug)
        return self.page(form, status=400)


class RegionReferralListView(RegionView):
    permission_required = "assistance.list_cases"
    nav_key = NAV_CONTRACTS

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = ReferralFilterForm(request.GET)
        rows = selectors.region_referrals(self.scope, form.filters())
        page = Paginator(rows, 30).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {"form": form, "page_obj": page, "query": query.urlencode()}
        return self.render("assistance/referrals/region_referrals.html", context)
