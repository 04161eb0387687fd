"""Charity pages: the public project list and page, pledging, my donations, and
the managers' pages. Views stay thin: permission through the rules table, form,
service, redirect or render.
"""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from charity import selectors, services
from charity.forms import (
    ExpenditureForm,
    FilingForm,
    OfflineDonationForm,
    OrganisationForm,
    PledgeForm,
    ProjectForm,
)
from charity.models import Donation, Expenditure, Organisation, Project
from communities import navigation
from communities.cache import cache_public_page
from communities.models import Community
from communities.views import refusal


def _page(
    request: HttpRequest,
    community: Community,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    context = {
        "community": community,
        "community_nav": navigation.items_for(
            request=request, community=community, current="charity"
        ),
        **context,
    }
    return render(request, template, context, status=status)


def _community(slug: str) -> Community:
    return get_object_or_404(Community.objects.select_related("street"), slug=slug)


def _form_error(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ---------------------------------------------------------------------------
# Public pages (cached whole for anonymous visitors)
# ---------------------------------------------------------------------------
@cache_public_page
def project_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    projects = selectors.listed(selectors.public_projects(community))
    return _page(
        request, community, "charity/project_list.html", {"projects": projects}
    )


def _visible_project(request: HttpRequest, community: Community, pk: int) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("organisation"), pk=pk, community=community
    )
    project.community = community
    if not request.user.has_perm("charity.view_project", project):
        raise Http404
    return project


@cache_public_page
def project_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    project = _visible_project(request, community, pk)
    user = request.user
    following = user.is_authenticated and project.follows.filter(user=user).exists()
    return _page(
        request,
        community,
        "charity/project_detail.html",
        {
            "project": project,
            "ledger": selectors.ledger(project),
            "progress": None,
            "following": following,
            "may_pledge": user.has_perm("charity.pledge", project),
            "may_follow": user.has_perm("charity.follow_project", project),
            "may_manage": user.has_perm("charity.manage_project", project),
        },
    )


def receipt_download(
    request: HttpRequest, slug: str, pk: int, expenditure: int
) -> FileResponse:
    """An expenditure's receipt, always as a download (never rendered inline)."""
    community = _community(slug)
    project = _visible_project(request, community, pk)
    row = get_object_or_404(Expenditure, pk=expenditure, project=project)
    name = row.receipt.name.rsplit("/", 1)[-1]
    return FileResponse(row.receipt.open("rb"), as_attachment=True, filename=name)


def ledger_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    project = _visible_project(request, community, pk)
    ledger = selectors.ledger(project)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="project-{project.pk}-ledger.csv"'
    )
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Date"),
            _("Entry"),
            _("Description"),
            _("Receipt number"),
            _("Received"),
            _("Spent"),
        ]
    )
    for donation in ledger["money_donations"]:
        writer.writerow(
            [
                donation.confirmed_at.date().isoformat(),
                _("Donation"),
                donation.public_name,
                donation.receipt_number,
                donation.amount,
                "",
            ]
        )
    for expenditure in ledger["expenditures"]:
        writer.writerow(
            [
                expenditure.spent_on.isoformat(),
                _("Expenditure"),
                f"{expenditure.purpose} — {expenditure.payee}",
                "",
                "",
                expenditure.amount,
            ]
        )
    writer.writerow(["", _("Total"), "", "", ledger["received"], ledger["spent"]])
    writer.writerow(["", _("Balance"), "", "", ledger["balance"], ""])
    return response


# ---------------------------------------------------------------------------
# Signed-in residents
# ---------------------------------------------------------------------------
class SignedInView(View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.community = _community(kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)


class PledgeView(SignedInView):
    template = "charity/pledge.html"

    def _project(self, pk: int) -> Project:
        project = _visible_project(self.request, self.community, pk)
        if not self.request.user.has_perm("charity.pledge", project):
            raise Http404
        return project

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = self._project(pk)
        form = PledgeForm(initial={"donor_name": request.user.display_name})
        return _page(
            request, self.community, self.template, {"project": project, "form": form}
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = self._project(pk)
        form = PledgeForm(request.POST)
        if form.is_valid():
            try:
                services.pledge(user=request.user, project=project, **form.cleaned_data)
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your pledge is recorded; a manager confirms it when the money arrives."
                    ),
                )
                return redirect("charity:my-donations", slug=slug)
        return _page(
            request,
            self.community,
            self.template,
            {"project": project, "form": form},
            400,
        )


class FollowView(SignedInView):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = _visible_project(request, self.community, pk)
        if request.POST.get("action") == "unfollow":
            services.unfollow(user=request.user, project=project)
            messages.info(request, _("You no longer follow this project."))
        else:
            if not request.user.has_perm("charity.follow_project", project):
                raise Http404
            services.follow(user=request.user, project=project)
            messages.success(request, _("You follow this project now."))
        return redirect("charity:project", slug=slug, pk=pk)


class MyDonationsView(SignedInView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        donations = (
            Donation.objects.filter(donor=request.user)
            .select_related("project__community")
            .order_by("-created_at", "-pk")
        )
        return _page(
            request,
            self.community,
            "charity/my_donations.html",
            {"donations": donations},
        )


# ---------------------------------------------------------------------------
# Managers
# ---------------------------------------------------------------------------
class ManageView(SignedInView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.community = _community(kwargs["slug"])
        if not request.user.has_perm("charity.manage_charity", self.community):
            return refusal(request, "charity.manage_charity", self.community)
        return View.dispatch(self, request, *args, **kwargs)

    def project(self, pk: int) -> Project:
        project = get_object_or_404(
            Project.objects.select_related("organisation"),
            pk=pk,
            community=self.community,
        )
        project.community = self.community
        if not self.request.user.has_perm("charity.manage_project", project):
            raise Http404
        return project


class ManageHomeView(ManageView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        organisations = Organisation.objects.filter(
            community=self.community
        ).prefetch_related("managers")
        projects = selectors.listed(
            selectors.with_totals(
                Project.objects.filter(community=self.community).select_related(
                    "organisation"
                )
            )
        )
        return _page(
            request,
            self.community,
            "charity/manage_home.html",
            {"organisations": organisations, "projects": projects},
        )


class OrganisationEditView(ManageView):
    template = "charity/organisation_form.html"

    def _organisation(self, pk: int | None) -> Organisation | None:
        if pk is None:
            return None
        return get_object_or_404(Organisation, pk=pk, community=self.community)

    def get(
        self, request: HttpRequest, slug: str, pk: int | None = None
    ) -> HttpResponse:
        organisation = self._organisation(pk)
        form = OrganisationForm(instance=organisation, community=self.community)
        return _page(
            request,
            self.community,
            self.template,
            {"form": form, "organisation": organisation},
        )

    def post(
        self, request: HttpRequest, slug: str, pk: int | None = None
    ) -> HttpResponse:
        organisation = self._organisation(pk)
        form = OrganisationForm(
            request.POST, instance=organisation, community=self.community
        )
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                services.save_organisation(
                    actor=request.user,
                    community=self.community,
                    organisation=organisation,
                    managers=list(form.cleaned_data["managers"]),
                    **fields,
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("The organisation is saved."))
                return redirect("charity:manage", slug=slug)
        return _page(
            request,
            self.community,
            self.template,
            {"form": form, "organisation": organisation},
            400,
        )


class ProjectCreateView(ManageView):
    template = "charity/project_form.html"

    def _organisation(self, pk: int) -> Organisation:
        return get_object_or_404(Organisation, pk=pk, community=self.community)

    def get(self, request: HttpRequest, slug: str, org: int) -> HttpResponse:
        organisation = self._organisation(org)
        return _page(
            request,
            self.community,
            self.template,
            {"form": ProjectForm(), "organisation": organisation},
        )

    def post(self, request: HttpRequest, slug: str, org: int) -> HttpResponse:
        organisation = self._organisation(org)
        form = ProjectForm(request.POST)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                project = services.save_project(
                    actor=request.user, organisation=organisation, **fields
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("The project is saved as a draft."))
                return redirect("charity:manage-project", slug=slug, pk=project.pk)
        return _page(
            request,
            self.community,
            self.template,
            {"form": form, "organisation": organisation},
            400,
        )


class ProjectManageView(ManageView):
    """One project's management page: edit, publish, close, filing, donations, spending."""

    template = "charity/project_manage.html"

    def _render(
        self, project: Project, status: int = 200, **forms: Any
    ) -> HttpResponse:
        context = {
            "project": project,
            "form": forms.get("form") or ProjectForm(instance=project),
            "filing_form": forms.get("filing_form")
            or FilingForm(
                initial={
                    "filing_number": project.filing_number,
                    "filed_on": project.filed_on,
                }
            ),
            "offline_form": forms.get("offline_form") or OfflineDonationForm(),
            "expenditure_form": forms.get("expenditure_form") or ExpenditureForm(),
            "pledges": project.donations.filter(
                status=Donation.Status.PLEDGED
            ).select_related("donor"),
            "problems": services.publication_problems(project)
            if project.status == Project.Status.DRAFT
            else [],
            "totals": services.money_totals(project),
            "action_error": forms.get("action_error"),
        }
        return _page(self.request, self.community, self.template, context, status)

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        return self._render(self.project(pk))

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = self.project(pk)
        action = request.POST.get("action", "")
        handler = getattr(self, f"do_{action}", None)
        if handler is None:
            raise Http404
        try:
            response = handler(project)
        except ValidationError as error:
            return self._render(project, 400, action_error=error.messages)
        return response or redirect("charity:manage-project", slug=slug, pk=pk)

    def do_edit(self, project: Project) -> HttpResponse | None:
        form = ProjectForm(
            self.request.POST, instance=Project.objects.get(pk=project.pk)
        )
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                services.save_project(
                    actor=self.request.user,
                    organisation=project.organisation,
                    project=project,
                    **fields,
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(self.request, _("The project is saved."))
                return None
        project.refresh_from_db()
        return self._render(project, 400, form=form)

    def do_publish(self, project: Project) -> None:
        services.publish_project(actor=self.request.user, project=project)
        messages.success(self.request, _("The project is public now."))

    def do_close(self, project: Project) -> None:
        services.close_project(actor=self.request.user, project=project)
        messages.success(self.request, _("The project is closed."))

    def do_filing(self, project: Project) -> HttpResponse | None:
        form = FilingForm(self.request.POST)
        if form.is_valid():
            try:
                services.record_filing(
                    actor=self.request.user, project=project, **form.cleaned_data
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(self.request, _("The filing is recorded."))
                return None
        return self._render(project, 400, filing_form=form)

    def do_confirm(self, project: Project) -> None:
        donation_id = self.request.POST.get("donation", "")
        if not donation_id.isdigit():
            raise Http404
        donation = get_object_or_404(Donation, pk=int(donation_id), project=project)
        services.confirm_pledge(actor=self.request.user, donation=donation)
        messages.success(self.request, _("The pledge is confirmed."))

    def do_offline(self, project: Project) -> HttpResponse | None:
        form = OfflineDonationForm(self.request.POST)
        if form.is_valid():
            try:
                services.record_offline_donation(
                    actor=self.request.user, project=project, **form.cleaned_data
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(self.request, _("The donation is recorded."))
                return None
        return self._render(project, 400, offline_form=form)

    def do_spend(self, project: Project) -> HttpResponse | None:
        form = ExpenditureForm(self.request.POST, self.request.FILES)
        if form.is_valid():
            try:
                services.record_expenditure(
                    actor=self.request.user, project=project, **form.cleaned_data
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(self.request, _("The expenditure is recorded."))
                return None
        return self._render(project, 400, expenditure_form=form)
