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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from charity import schedule, selectors, services
from charity.forms import (
    ExpenditureForm,
    FilingForm,
    NeedForm,
    NeedPledgeForm,
    OfflineDonationForm,
    OrganisationForm,
    PledgeForm,
    ProjectForm,
    ReportForm,
)
from charity.models import (
    Donation,
    Expenditure,
    Need,
    NeedPledge,
    Organisation,
    Project,
    ReportAttachment,
)
from communities import navigation
from communities.cache import cache_public_page
from communities.models import Community, Region
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
    projects, chosen = selectors.filter_projects(
        selectors.public_projects(community), request.GET
    )
    return _page(
        request,
        community,
        "charity/project_list.html",
        {
            "projects": selectors.listed(projects),
            "chosen": chosen,
            "filtered": any(chosen.values()),
            "organisations": selectors.organisations_with_public_projects(community),
            "statuses": [
                (Project.Status.PUBLIC, Project.Status.PUBLIC.label),
                (Project.Status.CLOSED, Project.Status.CLOSED.label),
            ],
        },
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
    ledger = selectors.ledger_page(project, request.GET)
    reports = selectors.reports_of(project)
    dues = schedule.schedule(project, reports)
    today = timezone.localdate()
    owes = schedule.owes_reports(project)
    for due in dues:
        due.current_status = due.status(today, owes=owes)
    return _page(
        request,
        community,
        "charity/project_detail.html",
        {
            "project": project,
            "ledger": ledger,
            "progress": selectors.progress_percent(
                ledger["received"], project.goal_amount
            ),
            "reports": reports,
            "dues": dues,
            "overdue": [d for d in dues if d.current_status == "overdue"],
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
            "totals": selectors.ledger_totals(project),
            "overdue": schedule.overdue(project, project.reports.all()),
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


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------
def report_attachment(
    request: HttpRequest, slug: str, pk: int, attachment: int
) -> FileResponse:
    """A report's attachment, always as a download (never rendered inline)."""
    community = _community(slug)
    project = _visible_project(request, community, pk)
    row = get_object_or_404(ReportAttachment, pk=attachment, report__project=project)
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.filename)


class ReportCreateView(ManageView):
    template = "charity/report_form.html"

    def _context(self, project: Project, form: ReportForm) -> dict[str, Any]:
        return {"project": project, "form": form}

    def _dues(self, project: Project) -> list[Any]:
        return schedule.open_dues(project, project.reports.all())

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = self.project(pk)
        form = ReportForm(dues=self._dues(project))
        return _page(
            request, self.community, self.template, self._context(project, form)
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = self.project(pk)
        form = ReportForm(request.POST, request.FILES, dues=self._dues(project))
        if form.is_valid():
            try:
                services.file_report(
                    actor=request.user, project=project, **form.cleaned_data
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(
                    request, _("The report is filed; donors and followers are told.")
                )
                return redirect("charity:manage-project", slug=slug, pk=pk)
        return _page(
            request,
            self.community,
            self.template,
            self._context(project, form),
            400,
        )


# ---------------------------------------------------------------------------
# Oversight lists: overdue reports and public projects of the communities a
# committee member or officer oversees
# ---------------------------------------------------------------------------
class OversightListView(View):
    """Filterable by `community` (slug) or `region` (street or district slug)."""

    template = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def scope(self, request: HttpRequest) -> tuple[Any, list[Community], dict]:
        allowed = selectors.overseen_communities(request.user).select_related("street")
        choices = list(allowed.order_by("street__name", "name"))
        chosen = {"community": request.GET.get("community", ""), "region": ""}
        selected = allowed
        if chosen["community"]:
            selected = allowed.filter(slug=chosen["community"])
        elif request.GET.get("region"):
            region = Region.objects.filter(slug=request.GET["region"]).first()
            if region is not None:
                chosen["region"] = region.slug
                chosen["region_name"] = region.name
                selected = allowed.in_region(region)
        return selected, choices, chosen

    def get(self, request: HttpRequest) -> HttpResponse:
        selected, choices, chosen = self.scope(request)
        if not choices:
            return refusal(request, "charity.view_overdue_reports", None)
        return render(
            request,
            self.template,
            {"choices": choices, "chosen": chosen, **self.rows(selected)},
        )

    def rows(self, communities: Any) -> dict[str, Any]:
        raise NotImplementedError


class OverdueReportsView(OversightListView):
    template = "charity/overdue_reports.html"

    def rows(self, communities: Any) -> dict[str, Any]:
        return {"rows": selectors.overdue_reports(communities)}


class OversightProjectsView(OversightListView):
    template = "charity/oversight_projects.html"

    def rows(self, communities: Any) -> dict[str, Any]:
        projects = selectors.with_totals(
            Project.objects.filter(
                community__in=communities,
                status__in=[Project.Status.PUBLIC, Project.Status.CLOSED],
            )
            .select_related("community", "organisation")
            .order_by("community__name", "-published_on", "pk")
        )
        return {"projects": selectors.listed(projects)}


# ---------------------------------------------------------------------------
# Region totals (public)
# ---------------------------------------------------------------------------
@cache_public_page
def region_totals(request: HttpRequest, region_slug: str) -> HttpResponse:
    region = get_object_or_404(
        Region.objects.select_related("parent"), slug=region_slug
    )
    return render(
        request,
        "charity/region_totals.html",
        {"region": region, **selectors.region_totals(region)},
    )


# ---------------------------------------------------------------------------
# Needs
# ---------------------------------------------------------------------------
@cache_public_page
def need_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    return _page(
        request,
        community,
        "charity/need_list.html",
        {
            "needs": selectors.community_needs(community),
            "may_manage": request.user.has_perm("charity.manage_needs", community),
        },
    )


def _need(community: Community, pk: int) -> Need:
    need = get_object_or_404(
        selectors.with_coverage(Need.objects.filter(community=community)), pk=pk
    )
    need.community = community
    return selectors.covered([need])[0]


@cache_public_page
def need_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(slug)
    need = _need(community, pk)
    user = request.user
    may_manage = user.has_perm("charity.manage_needs", community)
    return _page(
        request,
        community,
        "charity/need_detail.html",
        {
            "need": need,
            "pledges": list(need.pledges.select_related("donor")),
            "may_pledge": user.has_perm("charity.pledge_need", need),
            "may_manage": may_manage,
        },
    )


class NeedPledgeView(SignedInView):
    template = "charity/need_pledge.html"

    def _need(self, pk: int) -> Need:
        need = _need(self.community, pk)
        if not self.request.user.has_perm("charity.pledge_need", need):
            raise Http404
        return need

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        need = self._need(pk)
        form = NeedPledgeForm(initial={"donor_name": request.user.display_name})
        return _page(
            request, self.community, self.template, {"need": need, "form": form}
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        need = self._need(pk)
        form = NeedPledgeForm(request.POST)
        if form.is_valid():
            try:
                services.pledge_to_need(
                    user=request.user, need=need, **form.cleaned_data
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. A manager confirms your pledge when the goods arrive."
                    ),
                )
                return redirect("charity:need", slug=slug, pk=pk)
        return _page(
            request, self.community, self.template, {"need": need, "form": form}, 400
        )


class NeedManageView(SignedInView):
    """Post a need (no pk), or confirm deliveries and close one (pk)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.community = _community(kwargs["slug"])
        if not request.user.has_perm("charity.manage_needs", self.community):
            return refusal(request, "charity.manage_needs", self.community)
        return View.dispatch(self, request, *args, **kwargs)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return _page(
            request, self.community, "charity/need_form.html", {"form": NeedForm()}
        )

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = NeedForm(request.POST)
        if form.is_valid():
            try:
                need = services.post_need(
                    actor=request.user,
                    community=self.community,
                    **{name: form.cleaned_data[name] for name in form.Meta.fields},
                )
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("The need is posted."))
                return redirect("charity:need", slug=slug, pk=need.pk)
        return _page(
            request, self.community, "charity/need_form.html", {"form": form}, 400
        )


class NeedActionView(NeedManageView):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        need = get_object_or_404(Need, pk=pk, community=self.community)
        action = request.POST.get("action", "")
        try:
            if action == "deliver":
                pledge_id = request.POST.get("pledge", "")
                if not pledge_id.isdigit():
                    raise Http404
                pledge = get_object_or_404(NeedPledge, pk=int(pledge_id), need=need)
                services.confirm_delivery(actor=request.user, pledge=pledge)
                messages.success(request, _("The delivery is confirmed."))
            elif action == "close":
                services.close_need(actor=request.user, need=need)
                messages.success(request, _("The need is closed."))
            else:
                raise Http404
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("charity:need", slug=slug, pk=pk)
