"""Governance pages: the public "who serves us" page and the committee's bodies page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from communities import navigation
from communities.cache import cache_public_page
from communities.models import Community
from communities.views import CommunityView
from governance import selectors, services
from governance.forms import AppointForm, EndTermForm, SubcommitteeForm
from governance.models import Body, Term


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
        },
    )


class BodiesView(CommunityView):
    """The committee's page: bodies, terms in force, appointing and ending terms."""

    permission_required = "governance.manage_body"
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
                _add_errors(form, error)
            else:
                messages.success(request, _("The appointment has been recorded."))
                return redirect("governance:bodies", slug=slug)
        return self.page(appoint=form)


class SubcommitteeCreateView(BodiesView):
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
                _add_errors(form, error)
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


def _add_errors(form, error: ValidationError) -> None:
    """Attach a service's error to its field when the form has one, else to the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ---------------------------------------------------------------------------
# Site search
# ---------------------------------------------------------------------------
SEARCH_RESULTS_PER_PAGE = 20


@cache_public_page
def search(request: HttpRequest) -> HttpResponse:
    """Public: notices, disclosures and charters containing the words, any substring.

    A GET form (no CSRF token), so anonymous results are cached like other public
    pages and retired whenever anything is published. A fixed number of queries.
    """
    from django.core.paginator import Paginator

    from governance import search_index
    from governance.forms import SearchForm

    form = SearchForm(request.GET or None)
    query, problem, page = "", "", None
    community = None
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        community = form.cleaned_data["community"]
        if not query:
            problem = _("Type a word or part of a sentence to search for.")
        elif len(query) < search_index.MIN_QUERY_LENGTH:
            problem = _("Type at least two characters: one is too short to search for.")
        else:
            entries = search_index.search(
                query,
                community=community,
                kind=form.cleaned_data["kind"],
                category=form.cleaned_data["category"],
            )
            page = Paginator(entries, SEARCH_RESULTS_PER_PAGE).get_page(
                request.GET.get("page")
            )
            for entry in page:
                entry.title_html = search_index.highlight(entry.title, query)
                entry.snippet_html = search_index.snippet(entry.text, query)
                entry.kind_label = search_index.kind_label(entry.kind)
                entry.category_label = search_index.category_label(
                    entry.kind, entry.category
                )
    elif form.is_bound:
        problem = _("Please correct the search form below.")
    context = {"form": form, "query": query, "problem": problem, "page_obj": page}
    if community is not None:
        context["community"] = community
        context["community_nav"] = navigation.items_for(
            request=request, community=community, current="search"
        )
    return render(request, "governance/search.html", context)


# ---------------------------------------------------------------------------
# Oversight: the notices behind the dashboard's numbers
# ---------------------------------------------------------------------------
class OversightNoticesView(View):
    """Notices published, scheduled or expired in the communities the person
    oversees (communities.view_dashboard), optionally one community's only."""

    template = "governance/oversight_notices.html"
    per_page = 50
    orderings = {
        "published": ("-first_published_at", "-pk"),
        "scheduled": ("go_live_at", "pk"),
        "expired": ("-expire_at", "-pk"),
    }

    def get(self, request: HttpRequest) -> HttpResponse:
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied
        from django.core.paginator import Paginator

        from communities.selectors import overseen_communities
        from communities.views import refusal
        from governance import oversight

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        state = request.GET.get("state", "published")
        if state not in oversight.STATES:
            state = "published"
        scope = overseen_communities(request.user)
        community = None
        slug = request.GET.get("community")
        if slug:
            community = get_object_or_404(
                Community.objects.select_related("street"), slug=slug
            )
            if not request.user.has_perm("communities.view_dashboard", community):
                return refusal(request, "communities.view_dashboard", community)
            scope = Community.objects.filter(pk=community.pk)
        elif not scope.exists():
            raise PermissionDenied
        indexes = oversight.notice_indexes(scope)
        communities = {
            c.pk: c
            for c in Community.objects.filter(pk__in=set(indexes.values())).only(
                "pk", "name", "slug"
            )
        }
        notices = (
            oversight.notices_under(list(indexes))
            .filter(oversight.state_filter(state))
            .order_by(*self.orderings[state])
        )
        page = Paginator(notices, self.per_page).get_page(request.GET.get("page"))
        for notice in page:
            notice.community = communities.get(indexes.get(notice.parent_path))
        context = {
            "state": state,
            "state_label": oversight.LABELS[state],
            "states": [
                (key, oversight.LABELS[key], oversight.list_url(key, community))
                for key in oversight.STATES
            ],
            "page_obj": page,
            "filtered_community": community,
        }
        if community is not None:
            context["community"] = community
            context["community_nav"] = navigation.items_for(
                request=request, community=community, current="dashboard"
            )
        return render(request, self.template, context)
