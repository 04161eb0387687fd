"""What communities registers when Django starts: its notification kinds, the
daily re-sync of admin rights, its personal-data collector and anonymiser, its
own entries of the community navigation, the cache invalidation of what public
pages show, and the district portal after migrations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.models.signals import post_delete, post_migrate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from accounts import personal_data
from communities import desk, navigation
from communities.cache import bump_generation, invalidate_on_change
from communities.membership import personal, privacy
from communities.membership.selectors import pending_counts
from communities.models import (
    Community,
    CommunitySettings,
    Membership,
    Region,
    Role,
)
from communities.navigation import NavItem
from communities.regions.services import ensure_portal
from communities.roles.tasks import expire_role_grants, refresh_region_figures
from notifications import kinds, scheduling
from notifications.models import Delivery


def register() -> None:
    """Called from CommunitiesConfig.ready()."""
    connect()
    kinds.register(
        "communities.membership_requested",
        _("someone asks to join your community"),
        Delivery.INSTANT,
    )
    kinds.register("communities.membership_verified", _("your residency was verified"))
    kinds.register(
        "communities.membership_rejected",
        _("your request to join was not accepted"),
    )
    kinds.register("communities.role_granted", _("you were given a role"))
    scheduling.register(
        "communities.expire_role_grants", expire_role_grants, daily_at=time(0, 10)
    )
    scheduling.register(
        "communities.refresh_region_figures",
        refresh_region_figures,
        every=timedelta(minutes=settings.REGION_FIGURES_MINUTES),
    )
    personal_data.register_collector("communities", privacy.collect)
    personal_data.register_anonymiser(privacy.anonymise)
    register_navigation()
    register_desk()


def connect() -> None:
    """Signal receivers: the portal after migrations; cache invalidation (content
    that public pages show changed, so retire the page cache; no rules here)."""
    post_migrate.connect(
        _ensure_portal_after_migrate, sender=apps.get_app_config("communities")
    )
    page_published.connect(bump_generation, dispatch_uid="gz_cache_page_published")
    page_unpublished.connect(bump_generation, dispatch_uid="gz_cache_page_unpublished")
    post_page_move.connect(bump_generation, dispatch_uid="gz_cache_page_moved")
    # Page subclasses send post_delete with their own sender; listen to them all.
    post_delete.connect(_page_deleted, dispatch_uid="gz_cache_page_deleted")
    # Memberships feed the resident counts on community home pages.
    invalidate_on_change(
        Community, Region, CommunitySettings, Membership, uid="communities"
    )
    # "My communities" keeps each person's summary in the cache (its own versions).
    personal.connect()


def _page_deleted(sender, **kwargs) -> None:
    if isinstance(sender, type) and issubclass(sender, Page):
        bump_generation()


def _ensure_portal_after_migrate(sender, using="default", plan=None, **kwargs) -> None:
    """A fresh site serves the district portal at "/", with or without demo data."""
    if "wagtailcore_page" not in connections[using].introspection.table_names():
        return
    if not Page.objects.using(using).filter(depth=1).exists():
        return  # flushed database without Wagtail's root (transactional tests)
    ensure_portal()


def _may_join(user: Any, community: Any) -> bool:
    # Anonymous visitors see "join" too: it leads to sign-in first.
    return not user.is_authenticated or user.has_perm(
        "communities.join_community", community
    )


def _signed_in(user: Any, community: Any) -> bool:
    return user.is_authenticated


def _perm(name: str) -> Callable[[Any, Any], bool]:
    def check(user: Any, community: Any) -> bool:
        return user.is_authenticated and user.has_perm(name, community)

    return check


def register_navigation() -> None:
    """The community's own entries of the community navigation."""
    navigation.register(
        NavItem("home", _("Home"), lambda c: c.get_absolute_url(), order=0)
    )
    navigation.register(
        NavItem(
            "join",
            _("Join"),
            lambda c: reverse("communities:join", args=[c.slug]),
            _may_join,
            order=80,
        )
    )
    navigation.register(
        NavItem(
            "membership",
            _("My membership"),
            lambda c: reverse("communities:my-communities"),
            _signed_in,
            order=81,
        )
    )
    navigation.register(
        NavItem(
            "verification",
            _("Verification queue"),
            lambda c: reverse("communities:verification", args=[c.slug]),
            _perm("communities.view_membership_queue"),
            order=90,
            staff=True,
            group="committee",
        )
    )
    navigation.register(
        NavItem(
            "households",
            _("Households"),
            lambda c: reverse("communities:households", args=[c.slug]),
            _perm("communities.view_membership_queue"),
            order=91,
            staff=True,
            group="committee",
        )
    )
    navigation.register(
        NavItem(
            "roles",
            _("Roles"),
            lambda c: reverse("communities:roles", args=[c.slug]),
            _perm("communities.grant_role"),
            order=91,
            staff=True,
            group="committee",
        )
    )
    navigation.register(
        NavItem(
            "settings",
            _("Settings"),
            lambda c: reverse("communities:settings", args=[c.slug]),
            _perm("communities.change_communitysettings"),
            order=92,
            staff=True,
            group="committee",
        )
    )
    navigation.register(
        NavItem(
            "dashboard",
            _("Oversight"),
            lambda c: reverse("communities:dashboard", args=[c.slug]),
            _perm("communities.view_dashboard"),
            order=88,
            staff=True,
            group="committee",
        )
    )
    navigation.register(
        NavItem(
            "audit",
            _("Audit log"),
            lambda c: reverse("communities:audit-log", args=[c.slug]),
            _perm("communities.view_audit_log"),
            order=93,
            staff=True,
            group="committee",
        )
    )


# ---------------------------------------------------------------------------
# Work desk (communities.desk): join requests to verify, region overview
# ---------------------------------------------------------------------------
def register_desk() -> None:
    desk.register(
        desk.DeskTask(
            key="communities.memberships",
            label=_("Join requests to verify"),
            group=desk.Group.COMMITTEE,
            roles={Role.COMMITTEE},
            count=desk.from_counts(pending_counts),
            url=lambda c: reverse("communities:verification", args=[c.slug]),
            order=10,
        )
    )
    desk.register(
        desk.DeskTask(
            key="communities.region_memberships",
            label=_("Join requests waiting in your communities"),
            group=desk.Group.OFFICER,
            roles={Role.STREET_OFFICER, Role.DISTRICT_OFFICER},
            count=desk.from_counts(pending_counts),
            url=lambda region: reverse("communities:region", args=[region.slug]),
            per_region=True,
            order=90,
        )
    )
