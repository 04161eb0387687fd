"""The charter pages: the community's index at /<slug>/charters/ and one page per
charter or convention (its versions and clauses are in governance/charters/models.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db import models
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from communities import navigation
from communities.models import Community
from governance.charters import diff as charter_diff
from governance.charters.models import CharterKind, CharterState, CharterVersion


class CharterIndexPage(Page):
    """The community's charters and conventions at /<slug>/charters/.

    Exactly one per community, created by governance.charters.services.drafting.ensure_charter_index.
    """

    community = models.OneToOneField(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="charter_index",
        verbose_name=_("community"),
    )

    parent_page_types = ["communities.CommunityHomePage"]
    subpage_types = ["governance.CharterPage"]
    max_count_per_parent = 1
    is_creatable = False

    template = "governance/charters/charter_index_page.html"

    class Meta:
        verbose_name = _("charter index page")
        verbose_name_plural = _("charter index pages")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["community"] = self.community
        context["community_nav"] = navigation.items_for(
            request=request, community=self.community, current="charters"
        )
        context["charters"] = public_charters(self)
        # Signed-in pages are never cached, so a resident may see their own links.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            context["open_for_opinions"] = [
                version
                for version in collecting(self.community)
                if user.has_perm("governance.comment_charter", version)
            ]
        return context


class CharterPage(RoutablePageMixin, Page):
    """A charter or convention: the clauses of the version in force, every adopted
    version with its in-force date, and a clause-by-clause comparison.

    Created and published only through governance.charters.services; the page is
    live once its first version is published.
    """

    search_kind = "charter"

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="charters",
        verbose_name=_("community"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CharterKind.choices)

    content_panels = [*Page.content_panels]
    parent_page_types = ["governance.CharterIndexPage"]
    subpage_types: list[str] = []
    is_creatable = False

    template = "governance/charters/charter_page.html"

    class Meta:
        verbose_name = _("charter")
        verbose_name_plural = _("charters")

    # -- reads -------------------------------------------------------------
    def published_versions(self):
        """Every adopted, published version, newest first (public)."""
        return (
            self.versions.filter(state=CharterState.PUBLISHED)
            .order_by("-number")
            .prefetch_related("clauses")
        )

    def current_version(self, on: datetime.date | None = None):
        """The published version in force on a day (today), or None."""
        on = on or timezone.localdate()
        return (
            self.versions.filter(state=CharterState.PUBLISHED, in_force_on__lte=on)
            .order_by("-in_force_on", "-number")
            .first()
        )

    def search_document(self) -> dict:
        """What site search indexes: the text of the version in force, never a draft."""
        version = self.current_version()
        clauses = list(version.clauses.all()) if version is not None else []
        text = "\n".join(clause.plain_text for clause in clauses)
        return {
            "community": self.community,
            "category": self.kind,
            "title": self.title,
            "text": text,
        }

    # -- pages -------------------------------------------------------------
    def _base_context(self, request: HttpRequest) -> dict:
        return {
            "page": self,
            "self": self,
            "community": self.community,
            "community_nav": navigation.items_for(
                request=request, community=self.community, current="charters"
            ),
        }

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(self._base_context(request))
        versions = list(self.published_versions())
        today = timezone.localdate()
        current = next(
            (
                v
                for v in sorted(
                    versions, key=lambda v: (v.in_force_on, v.number), reverse=True
                )
                if v.in_force_on <= today
            ),
            None,
        )
        context["versions"] = versions
        context["current"] = current
        context["shown"] = current
        return context

    @path("")
    def current_page(self, request: HttpRequest):
        return self.render(request)

    @path("versions/<int:number>/")
    def version_page(self, request: HttpRequest, number: int):
        context = self.get_context(request)
        shown = next((v for v in context["versions"] if v.number == number), None)
        if shown is None:
            raise Http404
        context["shown"] = shown
        return TemplateResponse(request, self.get_template(request), context)

    @path("compare/")
    def compare_page(self, request: HttpRequest):
        context = self._base_context(request)
        versions = list(self.published_versions())
        by_number = {v.number: v for v in versions}
        context["versions"] = versions
        try:
            old = by_number[int(request.GET.get("a", ""))]
            new = by_number[int(request.GET.get("b", ""))]
        except (KeyError, ValueError):
            old = new = None
        if old is None and len(versions) >= 2:
            new, old = versions[0], versions[1]
        if old is not None:
            if old.number > new.number:
                old, new = new, old
            context["old"], context["new"] = old, new
            context["changes"] = charter_diff.compare(old, new)
        return TemplateResponse(
            request, "governance/charters/charter_compare.html", context
        )


# Reads the pages show (kept here: the selectors module reads these pages).
def public_charters(index: CharterIndexPage) -> list[dict[str, Any]]:
    """Live charters of a community with the version in force: two queries."""
    today = timezone.localdate()
    pages = list(
        CharterPage.objects.child_of(index).live().public().order_by("kind", "title")
    )
    versions = CharterVersion.objects.filter(
        charter__in=[p.pk for p in pages], state=CharterState.PUBLISHED
    ).order_by("charter_id", "number")
    by_page: dict[int, list[CharterVersion]] = defaultdict(list)
    for version in versions:
        by_page[version.charter_id].append(version)
    rows = []
    for page in pages:
        published = by_page.get(page.pk, [])
        in_force = [v for v in published if v.in_force_on <= today]
        rows.append(
            {
                "page": page,
                "current": in_force[-1] if in_force else None,
                "upcoming": [v for v in published if v.in_force_on > today],
                "count": len(published),
            }
        )
    return rows


def collecting(community: Community) -> list[CharterVersion]:
    """Versions of the community's charters open for residents' opinions."""
    versions = list(
        CharterVersion.objects.filter(
            community=community, state=CharterState.COLLECTING
        )
        .select_related("charter")
        .order_by("pk")
    )
    for version in versions:
        version.community = community
    return versions
