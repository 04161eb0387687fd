"""The officers' pages of the joint qualification review (one action per URL):
a street's or district's rounds, opening a round, a round's candidate ×
department grid with a result form per candidate, adding a candidate, closing;
the district's configuration (settings, departments, grounds) and exceptions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from communities.forms import add_validation_error
from communities.models import Community
from communities.oversight.views import RegionView
from governance.vetting import selectors, services
from governance.vetting.forms import (
    AddCandidateForm,
    CommunityChoiceForm,
    ExceptionForm,
    ListItemForm,
    OpenRoundForm,
    ResultForm,
    SettingsForm,
)
from governance.vetting.models import ReviewDepartment, ReviewGround, ReviewRound

NAV = "vetting"
CONFIG_NAV = "vetting-config"


class RoundsView(RegionView):
    """The rounds of the region's communities, newest first."""

    permission_required = "governance.view_review_rounds"
    nav_key = NAV

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        return self.render(
            "governance/vetting/rounds.html",
            {
                "rounds": selectors.rounds_in(self.scope)[:200],
                "may_open": request.user.has_perm(
                    "governance.open_review_round", self.scope
                ),
            },
        )


class OpenRoundView(RegionView):
    """Pick the community (GET), then the purpose, lists and candidates (POST)."""

    permission_required = "governance.open_review_round"
    nav_key = NAV

    def communities(self):
        return Community.objects.in_region(self.scope).order_by("name")

    def page(self, choice: Form, form: Form | None, status: int = 200):
        return self.render(
            "governance/vetting/open.html",
            {"choice_form": choice, "form": form, "community": self.community},
            status=status,
        )

    def setup_form(self, data: Any = None) -> tuple[Form, Form | None]:
        self.community = None
        choice = CommunityChoiceForm(
            self.request.GET or None, communities=self.communities()
        )
        if not choice.is_valid():
            return choice, None
        self.community = choice.cleaned_data["community"]
        district = selectors.district_of(self.community)
        services.ensure_defaults(district=district)
        form = OpenRoundForm(
            data,
            community=self.community,
            departments=selectors.departments(district, active_only=True),
            grounds=selectors.grounds(district, active_only=True),
        )
        return choice, form

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        return self.page(*self.setup_form())

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        choice, form = self.setup_form(request.POST)
        if form is None:
            return self.page(choice, None, status=400)
        if form.is_valid():
            data = form.cleaned_data
            try:
                review = services.open_round(
                    actor=request.user,
                    community=self.community,
                    purpose=data["purpose"],
                    departments=list(data["departments"]),
                    grounds=list(data["grounds"]),
                    people=data["candidates"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The review round is open."))
                return redirect("governance:review-round", region_slug, review.pk)
        return self.page(choice, form, status=400)


class RoundView(RegionView):
    """A round: the grid, and (while open) a result form per candidate."""

    permission_required = "governance.view_review_rounds"
    nav_key = NAV

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any):
        self.review_pk = kwargs.get("pk")
        return super().dispatch(request, *args, **kwargs)

    def get_review(self) -> ReviewRound:
        review = get_object_or_404(
            ReviewRound.objects.select_related("community__street", "closed_by"),
            pk=self.review_pk,
        )
        if not Community.objects.in_region(self.scope).filter(
            pk=review.community_id
        ).exists() or not self.request.user.has_perm(
            "governance.view_review_round", review
        ):
            raise Http404
        return review

    def result_form(self, review: ReviewRound, data: Any = None, **kwargs: Any):
        """A result form whose choices are the round's (three queries, once per
        page through `choices`)."""
        if not hasattr(self, "choices"):
            self.choices = {
                "candidates": list(review.candidates.select_related("person")),
                "departments": list(review.departments.order_by("order", "pk")),
                "grounds": list(review.grounds.order_by("order", "pk")),
            }
        return ResultForm(data, **self.choices, **kwargs)

    def page(self, review: ReviewRound, status: int = 200, **forms: Any):
        departments, rows = selectors.grid(review)
        may_change = self.request.user.has_perm(
            "governance.change_review_round", review
        )
        for row in rows:
            pk = row.candidate.pk
            row.form = forms.get(f"result_{pk}") or (
                self.result_form(review, prefix=f"c{pk}", initial={"candidate": pk})
                if may_change
                else None
            )
        return self.render(
            "governance/vetting/round.html",
            {
                "review": review,
                "departments": departments,
                "rows": rows,
                "may_change": may_change,
                "candidate_form": forms.get("candidate_form") or AddCandidateForm(),
                "missing": selectors.missing_results(review),
            },
            status=status,
        )

    def get(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        return self.page(self.get_review())

    def done(self, review: ReviewRound, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect("governance:review-round", self.scope.slug, review.pk)


class RecordResultView(RoundView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        review = self.get_review()
        prefix = request.POST.get("prefix", "")
        if not prefix.startswith("c") or not prefix[1:].isdigit():
            prefix = "c0"
        form = self.result_form(review, request.POST, prefix=prefix)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_result(
                    actor=request.user,
                    review=review,
                    candidate=data["candidate"],
                    department=data["department"],
                    passed=data["outcome"] == ResultForm.PASS,
                    ground=data["ground"],
                    note=data["note"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                return self.done(review, _("The result is recorded."))
        return self.page(review, status=400, **{f"result_{prefix[1:]}": form})


class AddCandidateView(RoundView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        review = self.get_review()
        form = AddCandidateForm(request.POST)
        if form.is_valid():
            try:
                services.add_candidate(
                    actor=request.user,
                    review=review,
                    person=form.cleaned_data["person"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                return self.done(review, _("The candidate is added."))
        return self.page(review, status=400, candidate_form=form)


class CloseRoundView(RoundView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        review = self.get_review()
        try:
            services.close_round(actor=request.user, review=review)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("governance:review-round", region_slug, review.pk)
        return self.done(review, _("The review round is closed."))


# ---------------------------------------------------------------------------
# The district's configuration and exceptions
# ---------------------------------------------------------------------------
class ConfigView(RegionView):
    permission_required = "governance.configure_vetting"
    nav_key = CONFIG_NAV

    def communities(self):
        return Community.objects.in_region(self.scope).order_by("name")

    def page(self, status: int = 200, **forms: Form) -> HttpResponse:
        district = self.scope
        services.ensure_defaults(district=district)
        context: dict[str, Any] = {
            "departments": selectors.departments(district),
            "grounds": selectors.grounds(district),
            "exceptions": selectors.exceptions_in(district)[:200],
            "settings_form": SettingsForm(instance=selectors.settings_for(district)),
            "department_form": ListItemForm(prefix="department"),
            "ground_form": ListItemForm(prefix="ground"),
            "exception_form": ExceptionForm(communities=self.communities()),
            **forms,
        }
        return self.render("governance/vetting/config.html", context, status=status)

    def get(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        return self.page()

    def done(self, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect("governance:vetting-config", self.scope.slug)


class SettingsSaveView(ConfigView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = SettingsForm(request.POST, instance=selectors.settings_for(self.scope))
        if form.is_valid():
            services.save_settings(
                actor=request.user, district=self.scope, **form.cleaned_data
            )
            return self.done(_("The review settings are saved."))
        return self.page(status=400, settings_form=form)


class AddListItemView(ConfigView):
    http_method_names = ["post"]
    kind = "department"

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = ListItemForm(request.POST, prefix=self.kind)
        if form.is_valid():
            try:
                services.add_list_item(
                    actor=request.user,
                    district=self.scope,
                    kind=self.kind,
                    name=form.cleaned_data["name"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                return self.done(_("The list is updated."))
        return self.page(status=400, **{f"{self.kind}_form": form})


class ToggleListItemView(ConfigView):
    http_method_names = ["post"]
    model: type[ReviewDepartment] | type[ReviewGround] = ReviewDepartment
    in_use = False

    def post(self, request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
        item = get_object_or_404(self.model, pk=pk, district=self.scope)
        services.set_list_item_in_use(actor=request.user, item=item, in_use=self.in_use)
        return self.done(_("The list is updated."))


class AddExceptionView(ConfigView):
    http_method_names = ["post"]
    permission_required = "governance.grant_review_exception"

    def post(self, request: HttpRequest, region_slug: str) -> HttpResponse:
        form = ExceptionForm(request.POST, communities=self.communities())
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.grant_exception(
                    actor=request.user,
                    community=data["community"],
                    person=data["person"],
                    reason=data["reason"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                return self.done(_("The exception is recorded."))
        return self.page(status=400, exception_form=form)
