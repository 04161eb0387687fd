"""Report and spending pages: receipts and attachments as downloads, filing a
report, and the oversight lists (overdue reports, public projects) of the
communities a committee member or officer oversees."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from charity.projects import selectors as project_selectors
from charity.projects.models import Project
from charity.projects.views import ManagerView, submitted, visible_project
from charity.reports import schedule, selectors, services
from charity.reports.forms import ReportForm
from charity.reports.models import Expenditure, ReportAttachment
from communities.models import Community, Region
from communities.pagination import page_of
from communities.views import community_or_404, refusal


def receipt_download(
    request: HttpRequest, slug: str, pk: int, expenditure: int
) -> FileResponse:
    """An expenditure's receipt, always as a download (never rendered inline)."""
    project = visible_project(request, community_or_404(slug), pk)
    row = get_object_or_404(Expenditure, pk=expenditure, project=project)
    name = row.receipt.name.rsplit("/", 1)[-1]
    return FileResponse(row.receipt.open("rb"), as_attachment=True, filename=name)


def report_attachment(
    request: HttpRequest, slug: str, pk: int, attachment: int
) -> FileResponse:
    """A report's attachment, always as a download (never rendered inline)."""
    project = visible_project(request, community_or_404(slug), pk)
    row = get_object_or_404(ReportAttachment, pk=attachment, report__project=project)
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.filename)


class ReportCreateView(ManagerView):
    template = "charity/report_form.html"

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = self.project(pk)
        form = ReportForm(dues=self._dues(project))
        return self.render(self.template, {"project": project, "form": form})

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        project = self.project(pk)
        form = ReportForm(request.POST, request.FILES, dues=self._dues(project))
        save = partial(services.file_report, actor=request.user, project=project)
        done = _("The report is filed; donors and followers are told.")
        if submitted(request, form, save, done):
            return redirect("charity:manage-project", slug=slug, pk=pk)
        return self.render(self.template, {"project": project, "form": form}, 400)

    def _dues(self, project: Project) -> list[Any]:
        return schedule.open_dues(project, project.reports.all())


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

    def scope(self, request: HttpRequest) -> tuple[Any, dict[str, Any], dict]:
        """The communities shown, the filter's choices and what was chosen.

        An officer over several streets (a district of 150 streets and 3,000
        communities) picks a street first: the community list offers the chosen
        street's communities only, never every community overseen."""
        allowed = selectors.overseen_communities(request.user)
        streets = list(
            Region.objects.filter(pk__in=allowed.values("street_id")).order_by("name")
        )
        chosen = {"community": request.GET.get("community", ""), "region": ""}
        selected, street = allowed, None
        region = None
        if request.GET.get("region"):
            region = Region.objects.filter(slug=request.GET["region"]).first()
        if region is not None:
            chosen["region"] = region.slug
            chosen["region_name"] = region.name
            selected = allowed.in_region(region)
            street = region.pk if region.kind == Region.Kind.STREET else None
        if chosen["community"]:
            one = selected.filter(slug=chosen["community"])
            found = one.values_list("street_id", flat=True).first()
            if found is not None or region is None:
                selected, street = one, found or street
            else:  # a community outside the street chosen since: the street wins
                chosen["community"] = ""
        if len(streets) > 1 and street is None:
            communities: list[Community] = []
        else:
            listed = allowed.filter(street_id=street) if street else allowed
            communities = list(listed.select_related("street").order_by("name"))
        chosen["street"] = next((s.slug for s in streets if s.pk == street), "")
        choices = {
            "overseen": bool(streets),
            "streets": streets if len(streets) > 1 else [],
            "communities": communities,
        }
        return selected, choices, chosen

    def get(self, request: HttpRequest) -> HttpResponse:
        selected, choices, chosen = self.scope(request)
        if not choices["overseen"]:
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
        return {"rows": page_of(self.request, selectors.overdue_reports(communities))}


class OversightProjectsView(OversightListView):
    template = "charity/oversight_projects.html"

    def rows(self, communities: Any) -> dict[str, Any]:
        projects = project_selectors.with_totals(
            project_selectors.listed_projects(communities)
            .select_related("community", "organisation")
            .order_by("community__name", "-published_on", "pk")
        )
        page = page_of(self.request, projects)
        page.object_list = project_selectors.listed(page.object_list)
        return {"projects": page}
