"""The coordinator's work list page: every registered section for one community."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from assistance.worklist import registry
from communities.views import CommunityView

NAV_KEY = "assistance-work"


class WorkListView(CommunityView):
    permission_required = "assistance.list_cases"
    nav_key = NAV_KEY

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        sections = [
            {
                "section": section,
                "waiting": context.get("waiting", 0),
                "overdue": context.get("overdue", 0),
                "html": mark_safe(  # noqa: S308  (our own template's output)
                    render_to_string(
                        section.template,
                        {"community": self.community, **context},
                        request=request,
                    )
                ),
            }
            for section, context in registry.shown_for(request.user, self.community)
        ]
        return self.render("assistance/worklist/work_list.html", {"sections": sections})
