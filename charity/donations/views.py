"""Donation pages: pledging and cancelling a pledge, a donor's own donations, the
ledger as CSV, and the public totals of a street or district."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from charity.donations import selectors, services
from charity.donations.forms import PledgeForm
from charity.donations.models import Donation
from charity.projects.models import Project
from charity.projects.views import NAV, submitted, visible_project
from communities.cache import cache_public_page
from communities.csv_export import csv_response, safe_writer
from communities.models import Region
from communities.views import CommunityView, community_or_404


def _ledger_rows(ledger: dict[str, Any]) -> Iterator[list[Any]]:
    yield [
        _("Date"),
        _("Entry"),
        _("Description"),
        _("Receipt number"),
        _("Received"),
        _("Spent"),
    ]
    for donation in ledger["money_donations"]:
        yield [
            donation.confirmed_at.date().isoformat(),
            _("Donation"),
            donation.public_name,
            donation.receipt_number,
            donation.amount,
            "",
        ]
    for expenditure in ledger["expenditures"]:
        yield [
            expenditure.spent_on.isoformat(),
            _("Expenditure"),
            f"{expenditure.purpose} — {expenditure.payee}",
            "",
            "",
            expenditure.amount,
        ]
    yield ["", _("Total"), "", "", ledger["received"], ledger["spent"]]
    yield ["", _("Balance"), "", "", ledger["balance"], ""]


def ledger_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = visible_project(request, community_or_404(slug), pk)
    response = csv_response(f"project-{project.pk}-ledger.csv")
    safe_writer(response).writerows(_ledger_rows(selectors.ledger(project)))
    return response


class PledgeView(CommunityView):
    """A signed-in person pledges money to a public project."""

    nav_key = NAV
    template = "charity/pledge.html"

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = self._project(pk)
        form = PledgeForm(initial={"donor_name": request.user.display_name})
        return self.render(self.template, {"project": project, "form": form})

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = self._project(pk)
        form = PledgeForm(request.POST)
        save = partial(services.pledge, user=request.user, project=project)
        done = _(
            "Thank you. Your pledge is recorded; a manager confirms it when the money arrives."
        )
        if submitted(request, form, save, done):
            return redirect("charity:my-donations", slug=slug)
        return self.render(self.template, {"project": project, "form": form}, 400)

    def _project(self, pk: int) -> Project:
        project = visible_project(self.request, self.community, pk)
        if not self.request.user.has_perm("charity.pledge", project):
            raise Http404
        return project


class MyDonationsView(CommunityView):
    nav_key = NAV

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        donations = selectors.donations_of(request.user)
        return self.render("charity/my_donations.html", {"donations": donations})


class PledgeCancelView(CommunityView):
    """The donor cancels a pending pledge: GET asks for confirmation, POST cancels.
    Someone else's pledge is not found; one that is no longer pending (confirmed or
    lapsed meanwhile) leads back to the donor's list with the reason."""

    nav_key = NAV
    template = "charity/pledge_cancel.html"

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        donation = self._donation(pk)
        if not request.user.has_perm("charity.cancel_pledge", donation):
            messages.error(request, _("Only a pending pledge can be cancelled."))
            return redirect("charity:my-donations", slug=slug)
        return self.render(self.template, {"donation": donation})

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        try:
            services.cancel_pledge(user=request.user, donation=self._donation(pk))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your pledge is cancelled."))
        return redirect("charity:my-donations", slug=slug)

    def _donation(self, pk: int) -> Donation:
        return get_object_or_404(
            Donation.objects.select_related("project"),
            pk=pk,
            project__community=self.community,
            donor=self.request.user,
        )


@cache_public_page
def region_totals(request: HttpRequest, region_slug: str) -> HttpResponse:
    region = get_object_or_404(
        Region.objects.select_related("parent"), slug=region_slug
    )
    return render(
        request,
        "charity/region_totals.html",
        {
            "region": region,
            **selectors.region_totals(region, request.GET.get("page")),
        },
    )
