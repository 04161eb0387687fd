"""The register (台账) of certificate requests: a community's (its committee,
supervision committee and the officers above) and a street's or district's (its
officers), filterable by state and date, with a formula-safe CSV export."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from communities.csv_export import csv_response, safe_writer
from communities.oversight.views import RegionView
from communities.views import CommunityView
from governance.certificates import selectors
from governance.certificates.forms import RegionRegisterFilterForm, RegisterFilterForm

NAV_REGISTER = "certificate-register"
NAV_REGION_REGISTER = "region-certificates"
PAGE_SIZE = 50
CSV_HEADER = [
    "submitted_at",
    "community",
    "certificate",
    "purpose",
    "status",
    "due_on",
    "handled_at",
    "serial",
    "refusal_reason",
]


def write_csv(rows: Any, filename: str) -> HttpResponse:
    response = csv_response(filename)
    writer = safe_writer(response)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(
            [
                timezone.localtime(row.submitted_at).strftime("%Y-%m-%d %H:%M"),
                row.community.name,
                row.certificate_type.name,
                row.purpose,
                row.get_status_display(),
                row.due_on.isoformat(),
                timezone.localtime(row.handled_at).strftime("%Y-%m-%d %H:%M")
                if row.handled_at
                else "",
                row.serial or "",
                row.refusal_reason,
            ]
        )
    return response


def _query(form: Any) -> str:
    data = form.data if form.is_bound else {}
    return urlencode({k: v for k, v in data.items() if k != "page" and v})


class CommunityRegisterView(CommunityView):
    permission_required = "governance.view_certificate_register"
    nav_key = NAV_REGISTER
    csv = False

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = RegisterFilterForm(request.GET or None)
        rows = selectors.register([self.community], **form.filters())
        if self.csv:
            return write_csv(rows, f"certificates-{self.community.slug}.csv")
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        return self.render(
            "governance/certificates/register.html",
            {
                "form": form,
                "page_obj": page,
                "query": _query(form),
                "today": timezone.localdate(),
                "may_open": request.user.has_perm(
                    "governance.handle_certificates", self.community
                ),
                "csv_url": reverse(
                    "governance:certificate-register-csv", args=[self.community.slug]
                ),
            },
        )


class RegionRegisterView(RegionView):
    permission_required = "governance.view_region_certificates"
    nav_key = NAV_REGION_REGISTER
    csv = False

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        communities = list(selectors.communities_of_region(self.scope).order_by("name"))
        form = RegionRegisterFilterForm(request.GET or None, communities=communities)
        filters = form.filters()
        chosen = filters and form.cleaned_data.get("community")
        scope = [c for c in communities if c.slug == chosen] if chosen else communities
        rows = selectors.register(scope, **filters)
        if self.csv:
            return write_csv(rows, f"certificates-{self.scope.slug}.csv")
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        return self.render(
            "governance/certificates/region_register.html",
            {
                "form": form,
                "page_obj": page,
                "query": _query(form),
                "today": timezone.localdate(),
                "csv_url": reverse(
                    "governance:region-certificates-csv", args=[self.scope.slug]
                ),
            },
        )
