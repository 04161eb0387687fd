"""Disclosure pages outside Wagtail: review queue, catalogue, objections, oversight.

Thin views: rules in governance.disclosures.rules, writes in its services, reads in
governance.disclosures.selectors. None of these pages is cached (they carry forms or
personal data); the public disclosure pages are Wagtail pages.
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import CharField
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import TaskState

from communities.forms import add_validation_error
from communities.pagination import page_of
from communities.views import CommunityView
from governance.disclosures import selectors
from governance.disclosures.forms import (
    AnswerForm,
    CatalogueEntryForm,
    MatterForm,
    ObjectionForm,
    ReopenForm,
    ReturnForm,
)
from governance.disclosures.models import (
    CatalogueEntry,
    DisclosureReview,
    DueItem,
    Objection,
)
from governance.disclosures.pages import DisclosureIndexPage, DisclosurePage
from governance.disclosures.services import catalogue, objections, workflow

LIST_SIZE = 50


def _pages_of(community):
    index = DisclosureIndexPage.objects.filter(community=community).first()
    if index is None:
        return DisclosurePage.objects.none()
    return DisclosurePage.objects.child_of(index)


# ---------------------------------------------------------------------------
# Review queue
# ---------------------------------------------------------------------------
class ReviewQueueView(CommunityView):
    """Disclosures waiting for the supervision committee, and those returned."""

    permission_required = "governance.view_disclosure_oversight"
    nav_key = "disclosure-review"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        pages = _pages_of(self.community)
        waiting = _waiting(request, pages)
        returned = list(
            DisclosureReview.objects.filter(
                page__in=pages, decision=DisclosureReview.Decision.REJECTED
            )
            .select_related("page", "reviewer")
            .order_by("-decided_at")[:LIST_SIZE]
        )
        return self.render(
            "governance/disclosure_review.html",
            {
                "waiting": waiting,
                "returned": returned,
                "may_review": rules.has_perm(
                    "governance.review_disclosure", request.user, self.community
                ),
                "return_form": ReturnForm(),
            },
        )


def _waiting(request: HttpRequest, pages):
    """One page of the reviews in progress on these disclosure pages, each row
    {"state", "page"}: the pages are a subquery, only this page's are loaded."""
    keys = pages.annotate(key=Cast("pk", CharField())).values("key")
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id__in=keys
        )
        .select_related("revision", "revision__user", "workflow_state")
        .order_by("started_at", "pk")
    )
    page = page_of(request, states)
    shown = [int(state.workflow_state.object_id) for state in page]
    page_map = {str(p.pk): p for p in pages.filter(pk__in=shown)}
    page.object_list = [
        {"state": state, "page": page_map.get(state.workflow_state.object_id)}
        for state in page
    ]
    return page


class _ReviewAction(CommunityView):
    permission_required = "governance.review_disclosure"
    http_method_names = ["post"]

    def _page(self, pk: int) -> DisclosurePage:
        return get_object_or_404(_pages_of(self.community), pk=pk)


class ApproveView(_ReviewAction):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        page = self._page(pk)
        try:
            workflow.approve(actor=request.user, page=page)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Approved and published."))
        return redirect("governance:disclosure-review", slug=slug)


class RejectView(_ReviewAction):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        page = self._page(pk)
        form = ReturnForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give a reason for returning it."))
            return redirect("governance:disclosure-review", slug=slug)
        try:
            workflow.reject(
                actor=request.user, page=page, reason=form.cleaned_data["reason"]
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Returned to the author with your reason."))
        return redirect("governance:disclosure-review", slug=slug)


# ---------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------
class CatalogueView(CommunityView):
    """The catalogue, its due items and their state; committee members edit it."""

    permission_required = "governance.view_disclosure_oversight"
    nav_key = "disclosure-catalogue"

    def page(self, form=None, status=200) -> HttpResponse:
        today = timezone.localdate()
        entries = CatalogueEntry.objects.filter(community=self.community)
        items = (
            DueItem.objects.filter(community=self.community)
            .select_related("entry", "fulfilled_by")
            .order_by("-due_on", "-pk")[:LIST_SIZE]
        )
        return self.render(
            "governance/disclosure_catalogue.html",
            {
                "entries": entries,
                "items": items,
                "today": today,
                "may_manage": self.request.user.has_perm(
                    "governance.manage_catalogue", self.community
                ),
                "form": form or CatalogueEntryForm(community=self.community),
                "matter_form": MatterForm(),
            },
            status=status,
        )

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.page()

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        if not request.user.has_perm("governance.manage_catalogue", self.community):
            raise PermissionDenied
        form = CatalogueEntryForm(request.POST, community=self.community)
        if form.is_valid():
            try:
                catalogue.save_entry(
                    actor=request.user, community=self.community, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The catalogue entry has been saved."))
                return redirect("governance:disclosure-catalogue", slug=slug)
        return self.page(form, status=400)


class CatalogueEntryView(CommunityView):
    permission_required = "governance.manage_catalogue"
    nav_key = "disclosure-catalogue"

    def _entry(self, pk):
        return get_object_or_404(CatalogueEntry, pk=pk, community=self.community)

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        entry = self._entry(pk)
        form = CatalogueEntryForm(
            community=self.community,
            initial={
                f: getattr(entry, f)
                for f in (
                    "title",
                    "category",
                    "cadence",
                    "due_days",
                    "is_juwu",
                    "is_active",
                )
            },
        )
        return self.render(
            "governance/disclosure_entry.html", {"entry": entry, "form": form}
        )

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        entry = self._entry(pk)
        form = CatalogueEntryForm(request.POST, community=self.community)
        if form.is_valid():
            try:
                catalogue.save_entry(
                    actor=request.user,
                    community=self.community,
                    entry=entry,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(request, _("The catalogue entry has been saved."))
                return redirect("governance:disclosure-catalogue", slug=slug)
        return self.render(
            "governance/disclosure_entry.html",
            {"entry": entry, "form": form},
            status=400,
        )


class MatterView(CommunityView):
    permission_required = "governance.manage_catalogue"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        entry = get_object_or_404(CatalogueEntry, pk=pk, community=self.community)
        form = MatterForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say what the matter is."))
            return redirect("governance:disclosure-catalogue", slug=slug)
        try:
            catalogue.record_matter(
                actor=request.user, entry=entry, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The matter is now due for disclosure."))
        return redirect("governance:disclosure-catalogue", slug=slug)


# ---------------------------------------------------------------------------
# Objections
# ---------------------------------------------------------------------------
class ObjectionCreateView(CommunityView):
    permission_required = "governance.file_objection"
    nav_key = "disclosures"

    def _page(self) -> DisclosurePage:
        pk = self.request.GET.get("page") or self.request.POST.get("page") or ""
        if not str(pk).isdigit():
            raise Http404
        return get_object_or_404(_pages_of(self.community).live(), pk=int(pk))

    def _line(self, page, line_id):
        return next((line for line in page.finance_lines() if line.id == line_id), None)

    def show(self, page, form, status=200) -> HttpResponse:
        line_id = form["line_id"].value() or ""
        return self.render(
            "governance/objection_form.html",
            {"page": page, "form": form, "line": self._line(page, line_id)},
            status=status,
        )

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = self._page()
        line_id = request.GET.get("line", "")[:64]
        if line_id and self._line(page, line_id) is None:
            raise Http404
        return self.show(page, ObjectionForm(initial={"line_id": line_id}))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = self._page()
        form = ObjectionForm(request.POST)
        if form.is_valid():
            try:
                objection = objections.file_objection(
                    actor=request.user,
                    page=page,
                    text=form.cleaned_data["text"],
                    line_id=form.cleaned_data["line_id"],
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your question has been filed. Tracking number: %(number)s")
                    % {"number": objection.tracking_number},
                )
                return redirect(
                    "governance:objection-detail", slug=slug, pk=objection.pk
                )
        return self.show(page, form, status=400)


def _objection_access(user, objection: Objection) -> dict:
    community = objection.community
    is_asker = objection.asker_id == user.pk
    may_answer = rules.has_perm("governance.answer_objection", user, community)
    may_see = (
        is_asker
        or may_answer
        or user.has_perm("governance.view_disclosure_oversight", community)
    )
    return {"is_asker": is_asker, "may_answer": may_answer, "may_see": may_see}


class ObjectionDetailView(CommunityView):
    """One objection: the asker accepts or reopens; the committee answers."""

    permission_required = "communities.view_community"
    nav_key = "disclosures"

    def _objection(self, pk) -> Objection:
        objection = get_object_or_404(
            Objection.objects.select_related(
                "community", "page", "asker", "answered_by"
            ),
            pk=pk,
            community=self.community,
        )
        self.access = _objection_access(self.request.user, objection)
        if not self.access["may_see"]:
            raise PermissionDenied
        return objection

    def show(self, objection, *, answer=None, reopen=None, status=200):
        return self.render(
            "governance/objection_detail.html",
            {
                "objection": objection,
                **self.access,
                "answer_form": answer or AnswerForm(),
                "reopen_form": reopen or ReopenForm(),
            },
            status=status,
        )

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        return self.show(self._objection(pk))


class ObjectionActionView(ObjectionDetailView):
    """Base of the three things done to an objection, one URL each (POST only)."""

    http_method_names = ["post"]
    form_class: type | None = None
    form_slot = ""
    done = ""

    def act(self, objection: Objection, data: dict) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        objection = self._objection(pk)
        data: dict = {}
        if self.form_class is not None:
            form = self.form_class(request.POST)
            if not form.is_valid():
                return self.show(objection, **{self.form_slot: form}, status=400)
            data = form.cleaned_data
        try:
            self.act(objection, data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.done)
        return redirect("governance:objection-detail", slug=slug, pk=pk)


class ObjectionAnswerView(ObjectionActionView):
    form_class = AnswerForm
    form_slot = "answer"
    done = gettext_lazy("Your answer has been published.")

    def act(self, objection: Objection, data: dict) -> None:
        objections.answer_objection(
            actor=self.request.user, objection=objection, answer=data["answer"]
        )


class ObjectionAcceptView(ObjectionActionView):
    done = gettext_lazy("Thank you. The question is closed.")

    def act(self, objection: Objection, data: dict) -> None:
        objections.accept_answer(actor=self.request.user, objection=objection)


class ObjectionReopenView(ObjectionActionView):
    form_class = ReopenForm
    form_slot = "reopen"
    done = gettext_lazy("The question has been reopened.")

    def act(self, objection: Objection, data: dict) -> None:
        objections.reopen_objection(
            actor=self.request.user, objection=objection, reason=data["reason"]
        )


class ObjectionListView(CommunityView):
    """The committee's list of objections, open ones first."""

    permission_required = "governance.view_disclosure_oversight"
    nav_key = "objections"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        objections = (
            Objection.objects.filter(community=self.community)
            .select_related("page", "asker")
            .order_by("status", "answer_due_on", "pk")
        )
        return self.render(
            "governance/objection_list.html",
            {
                "objections": Paginator(objections, LIST_SIZE).get_page(
                    request.GET.get("page")
                ),
                "today": timezone.localdate(),
            },
        )


# ---------------------------------------------------------------------------
# Oversight: the lists behind the figures, the street officer's queue
# ---------------------------------------------------------------------------
def _filtered_communities(request):
    communities = selectors.communities_in_view(request.user)
    chosen = request.GET.get("community", "")
    if chosen:
        # The figures name a community by pk, the dashboards by slug.
        if chosen.isdigit():
            communities = communities.filter(pk=int(chosen))
        else:
            communities = communities.filter(slug=chosen)
    return communities


@login_required
def oversight_list(request: HttpRequest, key: str) -> HttpResponse:
    if key not in selectors.FIGURE_KEYS:
        raise Http404
    in_view = selectors.communities_in_view(request.user)
    if not in_view.exists():
        raise PermissionDenied
    communities = _filtered_communities(request)
    if key.startswith("objections"):
        rows = selectors.objections_for(key, communities).select_related(
            "community", "page"
        )
    else:
        rows = selectors.due_items_for(key, communities).select_related(
            "community", "entry", "fulfilled_by"
        )
    rows = rows.order_by("-pk")
    return render(
        request,
        "governance/disclosure_oversight_list.html",
        {
            "key": key,
            "label": selectors.FIGURE_LABELS[key],
            "rows": Paginator(rows, LIST_SIZE).get_page(request.GET.get("page")),
            "is_objections": key.startswith("objections"),
            "communities": list(in_view.order_by("name")),
            "chosen": request.GET.get("community", ""),
            "today": timezone.localdate(),
        },
    )


@login_required
def escalated_queue(request: HttpRequest) -> HttpResponse:
    """Street officers: objections their communities did not answer in time."""
    communities = _filtered_communities(request)
    allowed = [
        c
        for c in communities.select_related("street")
        if request.user.has_perm("governance.view_escalated_objections", c)
    ]
    if not allowed:
        raise PermissionDenied
    rows = selectors.escalated_objections([c.pk for c in allowed])
    return render(
        request,
        "governance/escalated_objections.html",
        {
            "rows": Paginator(rows, LIST_SIZE).get_page(request.GET.get("page")),
            "communities": allowed,
            "chosen": request.GET.get("community", ""),
            "today": timezone.localdate(),
        },
    )
