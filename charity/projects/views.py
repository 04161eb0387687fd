"""Project pages: the public list and page, following, and the managers' pages
(the charity management home, a new project, one project's management page).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from charity.donations import selectors as donation_selectors
from charity.donations import services as donation_services
from charity.donations.forms import OfflineDonationForm
from charity.donations.models import Donation
from charity.donations.rules import is_open_for_donations
from charity.organisations.models import Organisation
from charity.organisations.selectors import organisations_of
from charity.projects import selectors, services
from charity.projects.forms import FilingForm, ProjectForm
from charity.projects.models import Project
from charity.reports import schedule
from charity.reports import services as report_services
from charity.reports.forms import ExpenditureForm
from charity.reports.selectors import reports_of
from communities.cache import cache_public_page
from communities.forms import add_validation_error
from communities.models import Community
from communities.pagination import page_of
from communities.views import CommunityView, community_or_404, render_community

NAV = "charity"


def visible_project(request: HttpRequest, community: Community, pk: int) -> Project:
    """The community's project if the person may see it (404 otherwise)."""
    project = get_object_or_404(
        Project.objects.select_related("organisation"), pk=pk, community=community
    )
    project.community = community
    if not request.user.has_perm("charity.view_project", project):
        raise Http404
    return project


def submitted(request: HttpRequest, form: Any, save: Callable, done: str) -> Any:
    """Validate the form and call `save(**cleaned_data)`, a service returning the
    saved object: that object (and `done` is shown), or None when the form now
    carries the errors to show."""
    if not form.is_valid():
        return None
    try:
        saved = save(**form.cleaned_data)
    except ValidationError as error:
        add_validation_error(form, error)
        return None
    messages.success(request, done)
    return saved


class ManagerView(CommunityView):
    """A page of the community's charity managers."""

    permission_required = "charity.manage_charity"
    nav_key = NAV

    def project(self, pk: int) -> Project:
        """A project of this community that the person manages (404 otherwise)."""
        project = get_object_or_404(
            Project.objects.select_related("organisation"),
            pk=pk,
            community=self.community,
        )
        project.community = self.community
        if not self.request.user.has_perm("charity.manage_project", project):
            raise Http404
        return project


# ---------------------------------------------------------------------------
# Public pages (cached whole for anonymous visitors)
# ---------------------------------------------------------------------------
def listed_page(request: HttpRequest, projects: Any) -> Any:
    """One page of annotated projects, its totals evaluated (selectors.listed)."""
    page = page_of(request, projects)
    page.object_list = selectors.listed(page.object_list)
    return page


@cache_public_page
def project_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_or_404(slug)
    projects, chosen = selectors.filter_projects(
        selectors.public_projects(community), request.GET
    )
    statuses = [(status, status.label) for status in selectors.LISTED_STATUSES]
    context = {
        "projects": listed_page(request, projects),
        "chosen": chosen,
        "filtered": any(chosen.values()),
        "organisations": selectors.organisations_with_public_projects(community),
        "statuses": statuses,
    }
    return render_community(
        request, community, "charity/project_list.html", context, nav_key=NAV
    )


@cache_public_page
def project_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = community_or_404(slug)
    project = visible_project(request, community, pk)
    user = request.user
    ledger = donation_selectors.ledger_page(project, request.GET)
    reports = reports_of(project)
    dues = schedule.schedule_with_status(project, reports)
    context = {
        "project": project,
        "ledger": ledger,
        "progress": selectors.progress_percent(ledger["received"], project.goal_amount),
        "reports": reports,
        "dues": dues,
        "overdue": [d for d in dues if d.current_status == "overdue"],
        "following": selectors.is_following(user, project),
        "may_pledge": user.has_perm("charity.pledge", project),
        # An anonymous visitor is shown the way in: sign in, then pledge.
        "sign_in_to_pledge": not user.is_authenticated
        and is_open_for_donations(user, project),
        "may_follow": user.has_perm("charity.follow_project", project),
        "may_manage": user.has_perm("charity.manage_project", project),
    }
    return render_community(
        request, community, "charity/project_detail.html", context, nav_key=NAV
    )


class FollowView(CommunityView):
    """Follow a project (signed-in people who may follow it)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = visible_project(request, self.community, pk)
        if not request.user.has_perm("charity.follow_project", project):
            raise Http404
        services.follow(user=request.user, project=project)
        messages.success(request, _("You follow this project now."))
        return redirect("charity:project", slug=slug, pk=pk)


class UnfollowView(CommunityView):
    """Stop following a project (anyone who may see it may stop)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = visible_project(request, self.community, pk)
        services.unfollow(user=request.user, project=project)
        messages.info(request, _("You no longer follow this project."))
        return redirect("charity:project", slug=slug, pk=pk)


# ---------------------------------------------------------------------------
# Managers
# ---------------------------------------------------------------------------
class ManageHomeView(ManagerView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        context = {
            "organisations": organisations_of(self.community),
            "projects": listed_page(
                request, selectors.community_projects(self.community)
            ),
        }
        return self.render("charity/manage_home.html", context)


class ProjectCreateView(ManagerView):
    template = "charity/project_form.html"

    def get(self, request: HttpRequest, slug: str, org: int) -> HttpResponse:
        organisation = self._organisation(org)
        return self.render(
            self.template, {"form": ProjectForm(), "organisation": organisation}
        )

    def post(self, request: HttpRequest, slug: str, org: int) -> HttpResponse:
        organisation = self._organisation(org)
        form = ProjectForm(request.POST)
        save = partial(
            services.save_project, actor=request.user, organisation=organisation
        )
        project = submitted(request, form, save, _("The project is saved as a draft."))
        if project is not None:
            return redirect("charity:manage-project", slug=slug, pk=project.pk)
        context = {"form": form, "organisation": organisation}
        return self.render(self.template, context, 400)

    def _organisation(self, pk: int) -> Organisation:
        return get_object_or_404(Organisation, pk=pk, community=self.community)


class ProjectPageView(ManagerView):
    """One project's management page: edit, publish, close, filing, donations,
    spending. The page is shown by `ProjectManageView`; each of its forms posts to
    its own action view below, which re-renders the page with that form's errors."""

    template = "charity/project_manage.html"

    def render_page(
        self, project: Project, status: int = 200, **forms: Any
    ) -> HttpResponse:
        filing = {"filing_number": project.filing_number, "filed_on": project.filed_on}
        draft = project.status == Project.Status.DRAFT
        context = {
            "project": project,
            "form": forms.get("form") or ProjectForm(instance=project),
            "filing_form": forms.get("filing_form") or FilingForm(initial=filing),
            "offline_form": forms.get("offline_form") or OfflineDonationForm(),
            "expenditure_form": forms.get("expenditure_form") or ExpenditureForm(),
            "pledges": page_of(
                self.request,
                donation_selectors.pending_pledges(project),
                param="pledges",
            ),
            "problems": services.publication_problems(project) if draft else [],
            "totals": donation_selectors.ledger_totals(project),
            "overdue": schedule.overdue(project, project.reports.all()),
            "action_error": forms.get("action_error"),
        }
        return self.render(self.template, context, status)


class ProjectManageView(ProjectPageView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        return self.render_page(self.project(pk))


class ProjectActionView(ProjectPageView):
    """One action of the management page. `act` returns None when done (back to
    the page) or the page re-rendered with its form's errors; a service's refusal
    is shown above the forms."""

    http_method_names = ["post"]

    def post(
        self, request: HttpRequest, slug: str, pk: int, **kwargs: int
    ) -> HttpResponse:
        project = self.project(pk)
        try:
            response = self.act(project, **kwargs)
        except ValidationError as error:
            return self.render_page(project, 400, action_error=error.messages)
        return response or redirect("charity:manage-project", slug=slug, pk=pk)

    def act(self, project: Project, **kwargs: int) -> HttpResponse | None:
        raise NotImplementedError


class ProjectEditView(ProjectActionView):
    def act(self, project: Project) -> HttpResponse | None:
        form = ProjectForm(
            self.request.POST, instance=Project.objects.get(pk=project.pk)
        )
        save = partial(
            services.save_project,
            actor=self.request.user,
            organisation=project.organisation,
            project=project,
        )
        if submitted(self.request, form, save, _("The project is saved.")):
            return None
        project.refresh_from_db()
        return self.render_page(project, 400, form=form)


class ProjectPublishView(ProjectActionView):
    def act(self, project: Project) -> None:
        services.publish_project(actor=self.request.user, project=project)
        messages.success(self.request, _("The project is public now."))


class ProjectCloseView(ProjectActionView):
    def act(self, project: Project) -> None:
        services.close_project(actor=self.request.user, project=project)
        messages.success(self.request, _("The project is closed."))


class ProjectFilingView(ProjectActionView):
    def act(self, project: Project) -> HttpResponse | None:
        form = FilingForm(self.request.POST)
        save = partial(services.record_filing, actor=self.request.user, project=project)
        if submitted(self.request, form, save, _("The filing is recorded.")):
            return None
        return self.render_page(project, 400, filing_form=form)


class PledgeConfirmView(ProjectActionView):
    """Confirm that one pending pledge of the project arrived."""

    def act(self, project: Project, donation: int) -> None:
        pledge = get_object_or_404(Donation, pk=donation, project=project)
        donation_services.confirm_pledge(actor=self.request.user, donation=pledge)
        messages.success(self.request, _("The pledge is confirmed."))


class OfflineDonationView(ProjectActionView):
    def act(self, project: Project) -> HttpResponse | None:
        form = OfflineDonationForm(self.request.POST)
        save = partial(
            donation_services.record_offline_donation,
            actor=self.request.user,
            project=project,
        )
        if submitted(self.request, form, save, _("The donation is recorded.")):
            return None
        return self.render_page(project, 400, offline_form=form)


class ExpenditureView(ProjectActionView):
    def act(self, project: Project) -> HttpResponse | None:
        form = ExpenditureForm(self.request.POST, self.request.FILES)
        save = partial(
            report_services.record_expenditure, actor=self.request.user, project=project
        )
        if submitted(self.request, form, save, _("The expenditure is recorded.")):
            return None
        return self.render_page(project, 400, expenditure_form=form)
