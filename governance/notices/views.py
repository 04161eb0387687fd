"""The oversight list of notices behind the dashboard figures."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from communities.models import Community
from communities.selectors import overseen_communities
from communities.views import community_or_404, refusal, render_community
from governance.notices import oversight


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
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        state = request.GET.get("state", "published")
        if state not in oversight.STATES:
            state = "published"
        scope = overseen_communities(request.user)
        community = None
        slug = request.GET.get("community")
        if slug:
            community = community_or_404(slug)
            if not request.user.has_perm("communities.view_dashboard", community):
                return refusal(request, "communities.view_dashboard", community)
            scope = Community.objects.filter(pk=community.pk)
        elif not scope.exists():
            raise PermissionDenied
        context = {
            "state": state,
            "state_label": oversight.LABELS[state],
            "states": [
                (key, oversight.LABELS[key], oversight.list_url(key, community))
                for key in oversight.STATES
            ],
            "page_obj": self._page(scope, state, request.GET.get("page")),
            "filtered_community": community,
        }
        if community is None:
            return render(request, self.template, context)
        return render_community(
            request, community, self.template, context, nav_key="dashboard"
        )

    def _page(self, scope, state: str, page_number: str | None) -> Page:
        """One page of the notices in that state, each with its community."""
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
        page = Paginator(notices, self.per_page).get_page(page_number)
        for notice in page:
            notice.community = communities.get(indexes.get(notice.parent_path))
        return page
