"""The assistance dashboard of a street or district, and the district's spot
checks (draw a sample, record a result per case: one action per URL)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from assistance.oversight import selectors, services
from assistance.oversight.chart import recipients_chart
from assistance.oversight.forms import DrawForm, ResultForm
from assistance.oversight.models import SpotCheck, SpotCheckItem
from assistance.oversight.section import region_links
from communities.forms import add_validation_error
from communities.oversight.views import RegionView
from communities.pagination import page_of


class DashboardView(RegionView):
    permission_required = "assistance.view_dashboard"
    nav_key = "assistance-dashboard"

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        data = selectors.dashboard(self.scope)
        keys = [state.value for state, _count in data["states"]]
        links = region_links(request.user, self.scope, keys)
        states = [(s, n, links.get(s.value, "")) for s, n in data["states"]]
        return self.render(
            "assistance/oversight/dashboard.html",
            {
                **data,
                "states": states,
                "overdue_url": links.get("overdue", ""),
                "chart": recipients_chart(data["recipients"]),
            },
        )


class SpotChecksView(RegionView):
    permission_required = "assistance.spot_check"
    nav_key = "assistance-spot-checks"

    def page(self, form: DrawForm | None = None, status: int = 200) -> HttpResponse:
        return self.render(
            "assistance/oversight/spot_checks.html",
            {
                "spot_checks": page_of(self.request, selectors.spot_checks(self.scope)),
                "form": form or DrawForm(),
            },
            status=status,
        )

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        return self.page()


class DrawView(SpotChecksView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = DrawForm(request.POST)
        if form.is_valid():
            try:
                check = services.draw_spot_check(
                    district=self.scope,
                    month=form.cleaned_data["month"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The sample is drawn."))
                return redirect("assistance:spot-check", self.scope.slug, check.pk)
        return self.page(form, status=400)


class SpotCheckView(SpotChecksView):
    def show(self, check: SpotCheck, forms: dict | None = None, status: int = 200):
        items = list(selectors.spot_check_items(check))
        forms = forms or {}
        for item in items:
            item.form = forms.get(item.pk) or ResultForm(
                initial={"result": item.result, "note": item.note},
                prefix=f"item-{item.pk}",
            )
        return self.render(
            "assistance/oversight/spot_check.html",
            {"spot_check": check, "items": items},
            status=status,
        )

    def get(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        return self.show(get_object_or_404(SpotCheck, pk=pk, district=self.scope))


class RecordResultView(SpotCheckView):
    http_method_names = ["post"]

    def post(
        self, request: HttpRequest, region_slug: str, pk: int, item: int
    ) -> HttpResponse:
        check = get_object_or_404(SpotCheck, pk=pk, district=self.scope)
        found = get_object_or_404(SpotCheckItem, pk=item, spot_check=check)
        form = ResultForm(request.POST, prefix=f"item-{found.pk}")
        if form.is_valid():
            services.record_result(item=found, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The result is recorded."))
            return redirect("assistance:spot-check", self.scope.slug, check.pk)
        return self.show(check, {found.pk: form}, status=400)
