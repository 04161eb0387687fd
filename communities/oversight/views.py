"""Oversight pages: a community's dashboard and audit log, and the officers'
pages of streets/towns and districts (`OfficerView`, `RegionView`: the bases of
every page outside a community that a region's officers open)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from audit.models import AuditEvent
from communities.oversight import dashboards, snapshots, table
from communities.oversight.navigation import region_items_for
from communities.regions import selectors as region_selectors
from communities.regions.models import Community, Region
from communities.views import CommunityView, refusal


class AuditLogView(CommunityView):
    permission_required = "communities.view_audit_log"
    nav_key = "audit"
    template = "communities/audit_log.html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        events = AuditEvent.objects.filter(community=self.community).select_related(
            "actor"
        )
        page = Paginator(events, 50).get_page(request.GET.get("page"))
        return self.render(self.template, {"page_obj": page})


class CommunityDashboardView(CommunityView):
    """The community's oversight figures (communities.oversight), for its committee,
    its supervision committee and the officers above it."""

    permission_required = "communities.view_dashboard"
    nav_key = "dashboard"
    template = "communities/dashboard.html"
    replica_reads = True  # config/replica.py: reads may go to a read replica

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        sections = dashboards.community_sections(self.community, request.user)
        return self.render(
            self.template,
            {
                "sections": sections,
                "chart": dashboards.timeliness_chart(sections, self.community),
            },
        )


class OfficerView(View):
    """Signed-in pages outside a community; `permission_required` on `scope`.

    The scope is a region (street/town or district) resolved from the URL, or the
    platform (None).
    """

    permission_required: str = ""
    nav_key: str | None = None
    scope: Region | None = None

    def resolve(self, **kwargs: Any) -> Region | None:
        return None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.scope = self.resolve(**kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(self.permission_required, self.scope):
            return refusal(request, self.permission_required, self.scope)
        return super().dispatch(request, *args, **kwargs)

    def render(self, template: str, context: dict[str, Any], status: int = 200):
        context = {
            "region": self.scope,
            "region_nav": region_items_for(
                request=self.request, region=self.scope, current=self.nav_key
            ),
            **context,
        }
        return render(self.request, template, context, status=status)


class RegionView(OfficerView):
    def resolve(self, **kwargs: Any) -> Region | None:
        return get_object_or_404(
            Region.objects.select_related("parent"), slug=kwargs["region_slug"]
        )


class RegionOverviewView(RegionView):
    """A street's communities, or a district's streets and communities, with the
    number of join requests waiting in each."""

    permission_required = "communities.view_region"
    nav_key = "overview"
    template = "communities/region.html"
    replica_reads = True

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        page = region_selectors.region_community_page(
            self.scope, request.GET.get("page")
        )
        return self.render(
            self.template,
            {
                "sections": self.sections(page),
                "page_obj": page,
                "pending_total": region_selectors.region_pending_total(self.scope),
                "community_count": page.paginator.count,
            },
        )

    def sections(self, page: Any) -> list[dict[str, Any]]:
        """A district's communities of this page by street (with who may grant
        there; streets without communities on the first page); a street's in one
        section."""
        region = self.scope
        communities = list(page.object_list)
        if not region.is_district:
            return [{"street": None, "communities": communities}]
        by_street: dict[int, list[Community]] = {}
        for community in communities:
            by_street.setdefault(community.street_id, []).append(community)
        user = self.request.user
        return [
            {
                "street": street,
                "communities": by_street.get(street.pk, []),
                "may_grant": user.has_perm("communities.grant_region_role", street),
            }
            for street in region_selectors.district_streets_with_counts(region)
            if street.pk in by_street
            or (street.community_count == 0 and page.number == 1)
        ]


class RegionDashboardView(RegionView):
    """Oversight figures over a street's or a district's communities, one row each,
    and the chart of disclosure timeliness (communities.oversight.dashboards)."""

    permission_required = "communities.view_region"
    nav_key = "dashboard"
    template = "communities/region_dashboard.html"
    replica_reads = True

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        scope = Community.objects.in_region(self.scope)
        ordered = (
            scope.select_related("street")
            .only("pk", "name", "slug", "kind", "street__name", "street__slug")
            .order_by("street__name", "name", "pk")
        )
        page = Paginator(
            ordered, region_selectors.DASHBOARD_COMMUNITIES_PER_PAGE
        ).get_page(request.GET.get("page"))
        communities = list(page.object_list)
        stored = snapshots.stored(self.scope, request.user)
        sections = dashboards.region_sections(
            scope, communities, request.user, stored.figures if stored else None
        )
        table.render_rows(sections, street_names=self.scope.is_district)
        return self.render(
            self.template,
            {
                "sections": sections,
                "chart": dashboards.timeliness_chart(sections),
                "communities": communities,
                "page_obj": page,
                "figures_as_of": stored.computed_at if stored else None,
            },
        )
