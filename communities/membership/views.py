"""Residency pages: a person's communities, joining, the committee's verification
queue and its list of households with their representatives."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from communities.forms import add_validation_error
from communities.membership import selectors, services
from communities.membership.forms import JoinForm, RejectForm, RepresentativeForm
from communities.membership.models import Membership
from communities.membership.personal import personal_of
from communities.membership.rules import has_open_membership
from communities.pagination import page_of
from communities.templatetags.desk import DESK_SHOWN
from communities.views import CommunityView


@login_required
def my_communities(request: HttpRequest) -> HttpResponse:
    mine = personal_of(request.user)
    setattr(request.user, DESK_SHOWN, mine.has_desk)
    return render(
        request,
        "communities/my_communities.html",
        {
            "memberships": mine.memberships,
            "grants": mine.grants,
            "posts": mine.posts,
            "social_worker": mine.social_worker,
        },
    )


class JoinView(CommunityView):
    permission_required = "communities.join_community"
    nav_key = "join"
    template = "communities/join.html"

    def refuse(self, request: HttpRequest) -> HttpResponse:
        if has_open_membership(request.user, self.community):
            messages.info(
                request, _("You have already asked to join, or you are a resident.")
            )
            return redirect("communities:my-communities")
        return super().refuse(request)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = JoinForm(
            community=self.community, initial={"real_name": request.user.real_name}
        )
        return self.render(self.template, {"form": form})

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = JoinForm(request.POST, community=self.community)
        if form.is_valid():
            try:
                services.request_membership(
                    user=request.user, community=self.community, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your request has been sent. The committee will verify it."),
                )
                return redirect("communities:my-communities")
        return self.render(self.template, {"form": form})


class VerificationQueueView(CommunityView):
    permission_required = "communities.view_membership_queue"
    nav_key = "verification"
    template = "communities/verification_queue.html"

    def get(
        self, request: HttpRequest, slug: str, forms: dict | None = None
    ) -> HttpResponse:
        forms = forms or {}
        page = page_of(request, selectors.pending_requests(self.community))
        pending = [
            (
                membership,
                forms.get(membership.pk) or RejectForm(prefix=f"m{membership.pk}"),
            )
            for membership in page
        ]
        return self.render(self.template, {"pending": pending, "page_obj": page})


class VerifyMembershipView(VerificationQueueView):
    """POST only: verify one pending request."""

    permission_required = "communities.verify_membership"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        membership = get_object_or_404(Membership, pk=pk, community=self.community)
        try:
            services.verify_membership(actor=request.user, membership=membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s is now a verified resident.")
                % {"name": membership.user.public_name},
            )
        return _back_to_queue(request, slug)


class RejectMembershipView(VerificationQueueView):
    """POST only: reject one pending request (a bad reason re-shows the queue)."""

    permission_required = "communities.verify_membership"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        membership = get_object_or_404(Membership, pk=pk, community=self.community)
        form = RejectForm(request.POST, prefix=f"m{membership.pk}")
        if not form.is_valid():
            return self.get(request, slug, forms={membership.pk: form})
        try:
            services.reject_membership(
                actor=request.user,
                membership=membership,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The request was rejected."))
        return _back_to_queue(request, slug)


def _back_to_queue(request: HttpRequest, slug: str) -> HttpResponse:
    """Back to the verification queue, on the page the committee was on."""
    url = reverse("communities:verification", args=[slug])
    page = request.GET.get("page")
    return redirect(f"{url}?{urlencode({'page': page})}" if page else url)


class HouseholdsView(CommunityView):
    """The committee's list of households: residents and the current representative."""

    permission_required = "communities.view_membership_queue"
    nav_key = "households"
    template = "communities/households.html"

    def get(
        self, request: HttpRequest, slug: str, forms: dict | None = None
    ) -> HttpResponse:
        forms = forms or {}
        page = page_of(request, selectors.households_with_residents(self.community))
        may_appoint = request.user.has_perm(
            "communities.verify_membership", self.community
        )
        households = [
            (
                household,
                next((m for m in household.residents if m.is_representative), None),
                (forms.get(household.pk) or RepresentativeForm(household=household))
                if may_appoint
                else None,
            )
            for household in page
        ]
        return self.render(self.template, {"households": households, "page_obj": page})


class HouseholdRepresentativeView(HouseholdsView):
    """POST only: appoint one household's representative (bad input re-shows the list)."""

    permission_required = "communities.verify_membership"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        household = get_object_or_404(
            selectors.households_with_residents(self.community), pk=pk
        )
        form = RepresentativeForm(request.POST, household=household)
        if form.is_valid():
            membership = form.cleaned_data["membership"]
            try:
                services.set_household_representative(
                    actor=request.user, membership=membership
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s now represents the household %(household)s.")
                    % {"name": membership.user.public_name, "household": household},
                )
                url = reverse("communities:households", args=[slug])
                page = request.GET.get("page")
                return redirect(f"{url}?{urlencode({'page': page})}" if page else url)
        return self.get(request, slug, forms={household.pk: form})
