"""Governance pages: the public "who serves us" page and the committee's bodies page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from communities import navigation
from communities.cache import cache_public_page
from communities.forms import add_validation_error
from communities.models import Community
from communities.views import CommunityView
from governance.bodies import selectors, services
from governance.bodies.forms import AppointForm, EndTermForm, SubcommitteeForm
from governance.bodies.models import Body, Term
from governance.vetting.selectors import leadership_of_rosters


@cache_public_page
def who_serves(request: HttpRequest, slug: str) -> HttpResponse:
    """Public: the bodies, who holds which office, and who holds two (交叉任职)."""
    community = get_object_or_404(Community.objects.select_related("street"), slug=slug)
    rosters = selectors.rosters(community)
    return render(
        request,
        "governance/who_serves.html",
        {
            "community": community,
            "community_nav": navigation.items_for(
                request=request, community=community, current="who-serves"
            ),
            "rosters": rosters,
            "cross_held": selectors.cross_held(rosters),
            "leadership": leadership_of_rosters(rosters),
        },
    )


class BodiesView(CommunityView):
    """The committee's page: bodies, terms in force, appointing and ending terms
    (also for the street officers, who appoint 两委 terms after the review)."""

    permission_required = "governance.change_term"
    nav_key = "bodies"
    template = "governance/bodies.html"

    def _bodies(self):
        return Body.objects.active().filter(community=self.community)

    def page(self, *, appoint=None, subcommittee=None) -> HttpResponse:
        return self.render(
            self.template,
            {
                "rosters": selectors.rosters(self.community),
                "appoint_form": appoint or AppointForm(bodies=self._bodies()),
                "subcommittee_form": subcommittee or SubcommitteeForm(),
                "end_form": EndTermForm(),
                "may_manage_bodies": self.request.user.has_perm(
                    "governance.manage_body", self.community
                ),
            },
        )

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.page()

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = AppointForm(request.POST, request.FILES, bodies=self._bodies())
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.appoint_term(
                    actor=request.user,
                    body=data["body"],
                    person=data["person"],
                    position=data["position"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    photo=data["photo"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The appointment has been recorded."))
                return redirect("governance:bodies", slug=slug)
        return self.page(appoint=form)


class SubcommitteeCreateView(BodiesView):
    permission_required = "governance.manage_body"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = SubcommitteeForm(request.POST)
        if form.is_valid():
            try:
                services.add_subcommittee(
                    actor=request.user,
                    community=self.community,
                    name=form.cleaned_data["name"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The sub-committee has been added."))
                return redirect("governance:bodies", slug=slug)
        return self.page(subcommittee=form)


class BodyDissolveView(CommunityView):
    permission_required = "governance.manage_body"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        body = get_object_or_404(Body, pk=pk, community=self.community)
        try:
            services.dissolve_subcommittee(actor=request.user, body=body)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The sub-committee has been dissolved."))
        return redirect("governance:bodies", slug=slug)


class TermEndView(CommunityView):
    permission_required = "governance.change_term"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        term = get_object_or_404(Term, pk=pk, body__community=self.community)
        form = EndTermForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter a valid date."))
            return redirect("governance:bodies", slug=slug)
        try:
            services.end_term(
                actor=request.user, term=term, ends_on=form.cleaned_data["ends_on"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The term has been ended."))
        return redirect("governance:bodies", slug=slug)
