"""Emergency aid pages: the grant form (which the discovery report page opens
with `?report=&reported_at=&household=`), the advance aid of a community or a
region, one aid, and the district's declared emergency periods (declare, end
early: one action per URL)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.masking import mask_name
from assistance.applications.selectors import households_in
from assistance.emergency import selectors, services
from assistance.emergency.access import open_aid
from assistance.emergency.forms import EndPeriodForm, GrantForm, PeriodForm, prefill
from assistance.emergency.models import EmergencyPeriod
from communities.forms import add_validation_error
from communities.oversight.views import RegionView
from communities.pagination import page_of
from communities.views import CommunityView, community_or_404, refusal, render_community

NAV_KEY = "assistance-emergency"
PERIODS_NAV = "assistance-emergencies"
PAGE_SIZE = 20


class GrantView(CommunityView):
    permission_required = "assistance.grant_advance_aid"
    nav_key = NAV_KEY
    template = "assistance/emergency/grant.html"

    def _form(self, data: Any = None) -> GrantForm:
        households = households_in(self.community)
        initial = prefill(self.request.GET, {pk for pk, _label in households})
        if "household" in initial:
            chosen = selectors.household_in(self.community, initial["household"])
            initial["household_size"] = len(selectors.household_people(chosen)) or 1
        return GrantForm(data, households=households, initial=initial)

    def _page(self, form: GrantForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            # Per household member: the limit grows with the household.
            "limits": selectors.limits_for(self.community, 1),
            "capacity": services.capacity_of(self.request.user, self.community),
        }
        return self.render(self.template, context, status=status)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self._page(self._form())

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = self._form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["household"] = selectors.household_in(
                self.community, data["household"]
            )
            try:
                aid = services.grant_advance_aid(
                    actor=request.user, community=self.community, **data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("先行救助 recorded; its case is opened."))
                return redirect("assistance:advance-aid", self.community.slug, aid.pk)
        return self._page(form, status=400)


def _list_context(request: HttpRequest, aids: Any) -> dict[str, Any]:
    paperwork = request.GET.get("paperwork", "")
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    chosen = selectors.aid_list(aids, paperwork=paperwork, year=year)
    page = Paginator(chosen, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page_obj": page,
        "rows": [(aid, mask_name(aid.beneficiary_name)) for aid in page.object_list],
        "paperwork": paperwork if paperwork in selectors.PAPERWORK_FILTERS else "",
        "year": year,
        "query": query.urlencode(),
    }


class AidListView(CommunityView):
    permission_required = "assistance.list_advance_aid"
    nav_key = NAV_KEY

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        aids = selectors.AdvanceAid.objects.filter(community=self.community)
        context = _list_context(request, aids)
        context["periods"] = selectors.periods_in_force(
            [self.community.street.parent_id]
        ).prefetch_related("streets")
        context["may_grant"] = request.user.has_perm(
            "assistance.grant_advance_aid", self.community
        )
        return self.render("assistance/emergency/list.html", context)


class RegionAidListView(RegionView):
    permission_required = "assistance.list_advance_aid"
    nav_key = NAV_KEY

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        context = _list_context(request, selectors.aids_of_region(self.scope))
        return self.render("assistance/emergency/region_list.html", context)


@never_cache
def aid_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    community = community_or_404(slug)
    aid = selectors.aid_by_pk(pk)
    if aid is None or aid.community_id != community.pk:
        raise Http404
    try:
        open_aid(request.user, aid)
    except PermissionDenied:
        return refusal(request, "assistance.view_advance_aid", aid)
    user = request.user
    context = {
        "aid": aid,
        "case": aid.case,
        "may_complete": user.has_perm("assistance.edit_application", aid.case),
        "may_open_case": user.has_perm("assistance.view_case", aid.case),
        "response_target": selectors.settings_for(
            community.street.parent_id
        ).emergency_response_hours,
    }
    return render_community(
        request, community, "assistance/emergency/detail.html", context, nav_key=NAV_KEY
    )


class PeriodsView(RegionView):
    permission_required = "assistance.view_emergency_periods"
    nav_key = PERIODS_NAV

    def page(self, form: Any = None, end_form: Any = None, status: int = 200):
        district = self.scope
        may_declare = self.request.user.has_perm(
            "assistance.declare_emergency", district
        )
        context = {
            "periods": page_of(self.request, selectors.periods_of(district)),
            "today": timezone.localdate(),
            "may_declare": may_declare,
            "form": (form or PeriodForm(district=district)) if may_declare else None,
            "end_form": end_form or EndPeriodForm(),
            "settings": selectors.settings_for(district),
        }
        return self.render("assistance/emergency/periods.html", context, status=status)

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        return self.page()


class DeclareView(PeriodsView):
    permission_required = "assistance.declare_emergency"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = PeriodForm(request.POST, district=self.scope)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["streets"] = list(data["streets"])
            try:
                services.declare_period(actor=request.user, district=self.scope, **data)
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The emergency period is declared."))
                return redirect("assistance:emergency-periods", self.scope.slug)
        return self.page(form=form, status=400)


class EndView(PeriodsView):
    permission_required = "assistance.declare_emergency"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        if pk >= 2**63:
            raise Http404
        period = get_object_or_404(EmergencyPeriod, pk=pk, district=self.scope)
        form = EndPeriodForm(request.POST)
        if form.is_valid():
            try:
                services.end_period(
                    actor=request.user, period=period, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The emergency period is ended."))
                return redirect("assistance:emergency-periods", self.scope.slug)
        return self.page(end_form=form, status=400)
