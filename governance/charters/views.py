"""Charter pages outside the CMS: the committee's and officers' work pages, the
residents' opinions page and the oversight lists.

The public charter pages are Wagtail pages (governance/charters.py). Views stay
thin: resolve, check the permission (governance/charters/rules.py), validate the
form, call governance.charters.services, then redirect or re-render with the errors.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from communities import wording
from communities.forms import add_validation_error, posted_id
from communities.pagination import page_of
from communities.views import CommunityView, refusal
from governance.charters import oversight as charter_oversight
from governance.charters import selectors as charter_selectors
from governance.charters.forms import (
    AcknowledgeForm,
    AddClauseForm,
    ClauseForm,
    CommentForm,
    PublishForm,
    ReturnForm,
    RevisionForm,
    StartCharterForm,
    VoteForm,
)
from governance.charters.models import CharterClause, CharterState, CharterVersion
from governance.charters.services import drafting, lifecycle, votes


class CharterWorkView(CommunityView):
    """The community's charters with every version and its step; start a charter."""

    permission_required = "governance.view_charter_work"
    nav_key = "charter-work"
    template = "governance/charters/work_list.html"

    def page(self, form: StartCharterForm | None = None) -> HttpResponse:
        may_add = self.request.user.has_perm("governance.add_charter", self.community)
        return self.render(
            self.template,
            {
                "charters": charter_selectors.work_list(self.community),
                "form": (form or StartCharterForm(community=self.community))
                if may_add
                else None,
            },
        )

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.page()

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        if not request.user.has_perm("governance.add_charter", self.community):
            raise PermissionDenied
        form = StartCharterForm(request.POST, community=self.community)
        if form.is_valid():
            try:
                version = drafting.start_charter(
                    actor=request.user, community=self.community, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("The charter has been started. Residents can now give opinions."),
                )
                return redirect("governance:charter-version", slug=slug, pk=version.pk)
        return self.page(form)


class VersionView(CommunityView):
    """One version: its step and history, clauses with opinions and penalty flags,
    and the forms for the next step that the viewer may take."""

    permission_required = "governance.view_charter_work"
    nav_key = "charter-work"
    template = "governance/charters/version_work.html"
    version: CharterVersion

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any):
        self.kwargs = kwargs
        return super().dispatch(request, *args, **kwargs)

    def load(self) -> CharterVersion:
        self.version = get_object_or_404(
            CharterVersion.objects.select_related("charter", "filed_by"),
            pk=self.kwargs["pk"],
            community=self.community,
        )
        self.version.community = self.community
        return self.version

    def page(self, status: int = 200, **forms: Any) -> HttpResponse:
        version = self.version
        clauses = charter_selectors.clauses_with_comments(version)
        may = self._may()
        return self.render(
            self.template,
            {
                "version": version,
                "charter": version.charter,
                "clauses": clauses,
                "flagged": [c for c in clauses if c.needs_acknowledgement],
                "transitions": version.transitions.select_related("actor"),
                "votes": version.votes.all(),
                "today": timezone.localdate(),
                "may": may,
                "rows": [self._row(c, forms, may["edit"]) for c in clauses],
                "add_form": forms.get("add") or AddClauseForm(),
                "return_form": forms.get("return") or ReturnForm(),
                "vote_form": forms.get("vote") or VoteForm(),
                "publish_form": forms.get("publish") or PublishForm(),
                "revision_form": forms.get("revision") or RevisionForm(),
                "error": forms.get("error"),
            },
            status=status,
        )

    def _may(self) -> dict[str, bool]:
        """Which steps the viewer may take on this version."""
        version, user = self.version, self.request.user

        def may(name: str) -> bool:
            return user.has_perm(f"governance.{name}", version)

        editable = may("edit_charter")
        latest = version.charter.versions.order_by("-number").first()
        return {
            "edit": editable,
            "close": may("close_charter_opinions"),
            "submit": may("submit_charter"),
            "review": may("review_charter"),
            "vote": may("record_charter_vote"),
            "file": may("confirm_charter_filing"),
            "publish": may("publish_charter"),
            "revise": may("revise_charter") and latest.pk == version.pk,
        }

    @staticmethod
    def _row(clause: CharterClause, forms: dict, editable: bool) -> dict[str, Any]:
        """A clause with its edit and acknowledgement forms (when editable)."""
        form = ack = None
        if editable:
            form = forms.get(f"clause-{clause.pk}") or ClauseForm(
                prefix=f"c{clause.pk}",
                initial={"heading": clause.heading, "text": clause.text},
            )
            if clause.needs_acknowledgement:
                ack = forms.get(f"ack-{clause.pk}") or AcknowledgeForm(
                    prefix=f"a{clause.pk}"
                )
        return {"clause": clause, "form": form, "ack": ack}

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        self.load()
        return self.page()

    def back(self) -> HttpResponse:
        return redirect(
            "governance:charter-version", slug=self.community.slug, pk=self.version.pk
        )


class StepView(VersionView):
    """POST: one step of the lifecycle that needs no input but the button."""

    http_method_names = ["post"]
    steps = {
        "close": (
            lifecycle.close_opinions,
            gettext_lazy("Opinions are closed; it is a draft."),
        ),
        "submit": (
            lifecycle.submit_for_review,
            gettext_lazy("Submitted to the street/town for review."),
        ),
        "pass": (lifecycle.pass_review, gettext_lazy("The review is passed.")),
        "file": (
            lifecycle.confirm_filing,
            gettext_lazy("The filing is confirmed."),
        ),
    }

    def post(self, request: HttpRequest, slug: str, pk: int, step: str):
        self.load()
        if step not in self.steps:
            raise Http404
        service, done = self.steps[step]
        try:
            service(actor=request.user, version=self.version)
        except ValidationError as error:
            return self.page(status=400, error=" ".join(error.messages))
        messages.success(request, done)
        return self.back()


class FormStepView(VersionView):
    """POST: a step or edit that takes a form (return, vote, publish, clauses…)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int, **kwargs: Any):
        self.load()
        handler = getattr(self, f"do_{kwargs['what']}", None)
        if handler is None:
            raise Http404
        return handler(request, **kwargs)

    def _run(self, form, key: str, call, done: str) -> HttpResponse:
        if form.is_valid():
            try:
                call(form.cleaned_data)
            except ValidationError as error:
                if getattr(error, "code", None) == "wrong_state" or not hasattr(
                    error, "error_dict"
                ):
                    return self.page(status=400, error=" ".join(error.messages))
                add_validation_error(form, error)
            else:
                messages.success(self.request, done)
                return self.back()
        return self.page(status=400, **{key: form})

    def do_return(self, request, **kwargs):
        return self._run(
            ReturnForm(request.POST),
            "return",
            lambda data: lifecycle.return_for_revision(
                actor=request.user, version=self.version, reason=data["reason"]
            ),
            _("The charter was returned to %(committee)s with your reasons.")
            % {"committee": wording.term(self.community, "committee_short")},
        )

    def do_vote(self, request, **kwargs):
        outcome = {}

        def call(data):
            vote = votes.record_adoption_vote(
                self.version,
                actor=request.user,
                held_on=data["held_on"],
                electorate=data["electorate"],
                attendance=data["attendance"],
                women=data["women"],
                votes_for=data["votes_for"],
                against=data["against"],
                abstain=data["abstain"],
            )
            outcome["vote"] = vote

        response = self._run(
            VoteForm(request.POST), "vote", call, _("The meeting record is saved.")
        )
        vote = outcome.get("vote")
        if vote is not None and not vote.passed:
            messages.warning(
                request,
                _("The vote had no quorum; the charter is not adopted.")
                if not vote.quorate
                else _(
                    "The motion did not win a majority; the charter is not adopted."
                ),
            )
        return response

    def do_publish(self, request, **kwargs):
        return self._run(
            PublishForm(request.POST),
            "publish",
            lambda data: lifecycle.publish(
                actor=request.user,
                version=self.version,
                in_force_on=data["in_force_on"],
            ),
            _("The charter is published."),
        )

    def do_revise(self, request, **kwargs):
        created = {}

        def call(data):
            created["version"] = drafting.start_revision(
                actor=request.user,
                charter=self.version.charter,
                summary=data["summary"],
            )

        response = self._run(
            RevisionForm(request.POST),
            "revision",
            call,
            _("A revision has been started. Residents can now give opinions."),
        )
        if "version" in created:
            return redirect(
                "governance:charter-version",
                slug=self.community.slug,
                pk=created["version"].pk,
            )
        return response

    def do_add(self, request, **kwargs):
        return self._run(
            AddClauseForm(request.POST),
            "add",
            lambda data: drafting.add_clause(
                actor=request.user, version=self.version, **data
            ),
            _("The clause has been added."),
        )

    def _clause(self, kwargs) -> CharterClause:
        return get_object_or_404(
            CharterClause, pk=kwargs["clause"], version=self.version
        )

    def do_edit(self, request, **kwargs):
        clause = self._clause(kwargs)
        return self._run(
            ClauseForm(request.POST, prefix=f"c{clause.pk}"),
            f"clause-{clause.pk}",
            lambda data: drafting.change_clause(
                actor=request.user, clause=clause, **data
            ),
            _("The clause has been changed."),
        )

    def do_remove(self, request, **kwargs):
        clause = self._clause(kwargs)
        try:
            drafting.remove_clause(actor=request.user, clause=clause)
        except ValidationError as error:
            return self.page(status=400, error=" ".join(error.messages))
        messages.success(request, _("The clause has been removed."))
        return self.back()

    def do_acknowledge(self, request, **kwargs):
        clause = self._clause(kwargs)
        return self._run(
            AcknowledgeForm(request.POST, prefix=f"a{clause.pk}"),
            f"ack-{clause.pk}",
            lambda data: drafting.acknowledge_penalty(
                actor=request.user, clause=clause, note=data["note"]
            ),
            _("The penalty in this clause is acknowledged."),
        )


class OpinionsView(CommunityView):
    """Verified residents read the proposed text and give an opinion on each clause.

    Signed-in only (never cached); each resident sees their own opinions.
    """

    permission_required = "communities.view_community"
    nav_key = "charters"
    template = "governance/charters/opinions.html"

    def _version(self, pk: int) -> CharterVersion:
        version = get_object_or_404(
            CharterVersion.objects.select_related("charter"),
            pk=pk,
            community=self.community,
        )
        version.community = self.community
        return version

    def page(self, version, forms=None, status=200) -> HttpResponse:
        forms = forms or {}
        clauses = charter_selectors.clauses_with_comments(
            version, author=self.request.user
        )
        return self.render(
            self.template,
            {
                "version": version,
                "clauses": [
                    (c, forms.get(c.pk) or CommentForm(prefix=f"o{c.pk}"))
                    for c in clauses
                ],
            },
            status=status,
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        version = self._version(pk)
        if not request.user.has_perm("governance.comment_charter", version):
            return self._refuse(version)
        return self.page(version)

    def _refuse(self, version) -> HttpResponse:
        if version.state != CharterState.COLLECTING:
            messages.info(
                self.request,
                _("Opinions are no longer being collected on this charter."),
            )
            return redirect(f"/{self.community.slug}/charters/")
        return refusal(self.request, "governance.comment_charter", version)

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        version = self._version(pk)
        if not request.user.has_perm("governance.comment_charter", version):
            return self._refuse(version)
        clause = get_object_or_404(
            CharterClause, pk=posted_id(request.POST, "clause"), version=version
        )
        form = CommentForm(request.POST, prefix=f"o{clause.pk}")
        if form.is_valid():
            try:
                drafting.comment_on_clause(
                    actor=request.user, clause=clause, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you. Your opinion goes to %(committee)s.")
                    % {"committee": wording.term(self.community, "committee_short")},
                )
                return redirect("governance:charter-opinions", slug=slug, pk=pk)
        return self.page(version, forms={clause.pk: form}, status=400)


class OversightListView(View):
    """The items behind an oversight figure, within what the person oversees."""

    template = "governance/charters/oversight_list.html"

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        if key not in charter_oversight.KEYS:
            raise Http404
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        scope = charter_selectors.overseen_communities(request.user)
        if not scope.exists():
            raise PermissionDenied
        narrowed = scope.filter(**_narrowing(request))
        ids = narrowed.values("pk")
        context: dict[str, Any] = {
            "key": key,
            "label": charter_oversight.LABELS[key],
            "today": timezone.localdate(),
        }
        if key in ("with", "without"):
            current = {"pk__in": charter_selectors.with_current_charter()}
            chosen = (
                narrowed.filter(**current)
                if key == "with"
                else narrowed.exclude(**current)
            )
            rows = chosen.select_related("street").order_by("name", "pk")
            context["communities"] = page_of(request, rows)
        else:
            versions = (
                charter_selectors.under_review(ids)
                if key == "review"
                else charter_selectors.filing_overdue(ids)
            )
            context["versions"] = page_of(
                request,
                versions.select_related("charter", "community").order_by(
                    "filing_due_on", "community__name", "pk"
                ),
            )
        return render(request, self.template, context)


def _narrowing(request: HttpRequest) -> dict[str, Any]:
    """The community, street or district a figure's link narrows the list to."""
    narrow: dict[str, Any] = {}
    for name, field in (
        ("community", "pk"),
        ("street", "street_id"),
        ("district", "street__parent_id"),
    ):
        value = request.GET.get(name, "")
        if value.isdigit():
            narrow[field] = int(value)
        elif value and name == "community":
            # The dashboards narrow links by slug (communities/dashboards.py).
            narrow["slug"] = value
    return narrow


def keep_adopted_charters(request: HttpRequest, page: Any) -> HttpResponse | None:
    """Wagtail admin (`before_delete_page`): refuse to delete a charter (or the
    charter index) that has an adopted version, which must stay public (DESIGN.md)."""
    if not charter_selectors.has_adopted_version(page):
        return None
    messages.error(
        request,
        _(
            "An adopted charter stays public with all its versions; it cannot be "
            "deleted."
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
