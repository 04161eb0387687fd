"""Wagtail page types of the shared space: the district portal and community homes.

Both pages are public and served through the anonymous page cache, so their
templates carry no CSRF token and no inline script; anything that depends on the
visitor (navigation for signed-in people) is computed per request and such
responses are never cached (communities.cache skips signed-in visitors).
"""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from communities import home, navigation
from communities.oversight.selectors import oversight_of
from communities.regions.selectors import (
    community_stats,
    portal_streets,
    search_communities,
)


class PortalHomePage(Page):
    """The district portal at "/": streets and towns with their communities.

    There is exactly one, created by `communities.regions.services.ensure_portal` as the
    default Site's root page. Visitors find a community by name with `?q=`.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("A short welcome shown above the list of communities."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["communities.CommunityHomePage"]
    max_count = 1
    # Created by ensure_portal(), never by hand: the Site must point at it.
    is_creatable = False

    template = "communities/portal_home_page.html"

    class Meta:
        verbose_name = _("portal home page")
        verbose_name_plural = _("portal home pages")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        query = (request.GET.get("q") or "").strip()[:100]
        context["query"] = query
        if query:
            context["results"] = search_communities(query)
        context["streets"] = portal_streets()
        # Signed-in pages are never cached, so this may depend on the visitor.
        context["oversight"] = oversight_of(request.user)
        return context


class CommunityHomePage(Page):
    """A community's home at /<slug>/: introduction, navigation, what is happening
    (the `communities.home` blocks) and, for a signed-in person, what waits for them.

    One per community, created with the community by `create_community`; its slug
    is the community's slug, so the community's app pages and CMS pages share one
    URL space. Domain apps put their own page types under it by naming it in
    their pages' `parent_page_types`, so its subpage types are left open.
    """

    community = models.OneToOneField(
        "communities.Community",
        on_delete=models.PROTECT,
        related_name="home_page",
        verbose_name=_("community"),
        help_text=_("The community this page belongs to. Set when it is created."),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("What residents should know first about this community."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["communities.PortalHomePage"]
    # Created by create_community(), which also sets up the editors' group.
    is_creatable = False

    template = "communities/community_home_page.html"

    class Meta:
        verbose_name = _("community home page")
        verbose_name_plural = _("community home pages")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        community = self.community
        context["community"] = community
        context["community_nav"] = navigation.items_for(
            request=request, community=community, current="home"
        )
        context["stats"] = community_stats(community)
        # What is happening: the same for everyone, so the page stays cacheable.
        context["blocks"] = home.home_for(community)
        # What waits for this person: signed-in pages are never cached.
        context["waiting"] = (
            home.waiting_for(request.user, community)
            if request.user.is_authenticated
            else None
        )
        return context
