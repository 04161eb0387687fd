"""What charity adds to the platform's registries, called from `CharityConfig.ready()`:
notification kinds, the hourly lapse of unpaid pledges, the oversight dashboards'
section, the community and region navigation, the demo seeder, and the page-cache
invalidation for every model public pages show.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from charity.donations import selectors as donation_selectors
from charity.donations.models import Donation
from charity.donations.tasks import lapse_pledges
from charity.needs import demo as need_demo
from charity.needs.models import Need, NeedPledge
from charity.organisations.models import Organisation
from charity.projects import demo as project_demo
from charity.projects import home as charity_home
from charity.projects import selectors as project_selectors
from charity.projects.models import Project
from charity.reports.models import Expenditure, Report, ReportAttachment
from charity.reports.oversight import SECTION, per_community
from communities import demo as demo_registry
from communities import desk, home, navigation, oversight
from communities.cache import invalidate_on_change
from communities.home import HomeBlock, MineBlock
from communities.models import Role
from governance.search import index as search_index
from notifications import kinds, scheduling


def _may_manage(user: Any, community: Any) -> bool:
    return user.is_authenticated and user.has_perm("charity.manage_charity", community)


def _may_oversee(user: Any, community: Any) -> bool:
    return user.is_authenticated and user.has_perm(
        "charity.view_overdue_reports", community
    )


def _overdue_url(community: Any) -> str:
    return f"{reverse('charity:overdue-reports')}?community={community.slug}"


def seed_demo(*, admin: Any, communities: list[Any], ensure_user: Any) -> None:
    """Charity's demo story: the projects and their money, then a partly covered
    need; nothing once the demo organisation exists."""
    if project_demo.seed(admin=admin, communities=communities, ensure_user=ensure_user):
        need_demo.seed(admin=admin, community=communities[0], ensure_user=ensure_user)


def _navigation() -> None:
    navigation.register(
        navigation.NavItem(
            "charity",
            _("Charity"),
            lambda c: reverse("charity:projects", args=[c.slug]),
            order=40,
        )
    )
    navigation.register(
        navigation.NavItem(
            "charity-manage",
            _("Charity management"),
            lambda c: reverse("charity:manage", args=[c.slug]),
            _may_manage,
            order=88,
            staff=True,
            group="charity",
        )
    )
    navigation.register(
        navigation.NavItem(
            "charity-overdue",
            _("Overdue charity reports"),
            _overdue_url,
            _may_oversee,
            order=89,
            staff=True,
            group="charity",
        )
    )
    # The officers' navigation on street/town and district pages.
    navigation.register_region(
        navigation.RegionNavItem(
            "charity-overdue",
            _("Overdue charity reports"),
            lambda r: reverse("charity:overdue-reports") + f"?region={r.slug}",
            order=40,
        )
    )
    navigation.register_region(
        navigation.RegionNavItem(
            "charity-totals",
            _("Charity totals"),
            lambda r: reverse("charity:region-totals", args=[r.slug]),
            order=41,
        )
    )


def register() -> None:
    # Public and closed projects in the site search (governance's public registry).
    search_index.register_kind("project", _("Charity project"))
    search_index.register_record_source(
        "project", Project, project_selectors.search_document
    )
    demo_registry.register("charity", seed_demo, order=60)
    kinds.register("charity.project_status", _("Charity project status changes"))
    kinds.register("charity.report_filed", _("Charity project reports"))
    oversight.register(SECTION)
    scheduling.register(
        "charity.lapse_pledges", lapse_pledges, every=timedelta(hours=1)
    )
    _navigation()
    register_desk()
    _register_home()


def connect() -> None:
    """Public project and need pages are cached whole; any change retires them."""
    invalidate_on_change(
        Organisation,
        Project,
        Donation,
        Expenditure,
        Report,
        ReportAttachment,
        Need,
        NeedPledge,
        uid="charity",
    )


# ---------------------------------------------------------------------------
# Work desk (communities.desk): pledges to confirm, reports due
# ---------------------------------------------------------------------------
def register_desk() -> None:
    desk.register(
        desk.DeskTask(
            key="charity.pledges",
            label=_("Pledges to confirm"),
            group=desk.Group.CHARITY,
            roles={Role.CHARITY_MANAGER},
            count=desk.from_counts(donation_selectors.pledge_counts),
            url=lambda c: reverse("charity:manage", args=[c.slug]),
            urgent_label=_("lapsing within a day"),
            order=10,
        )
    )
    desk.register(
        desk.DeskTask(
            key="charity.reports",
            label=_("Charity reports due"),
            group=desk.Group.CHARITY,
            roles={Role.CHARITY_MANAGER},
            count=desk.from_section(
                per_community,
                waiting="reports_overdue",
                urgent="reports_overdue",
                link="",
            ),
            url=lambda c: reverse("charity:manage", args=[c.slug]),
            order=20,
        )
    )


def _register_home() -> None:
    """Open projects and needs on the community home; a person's pledges on "mine"."""
    home.register(
        HomeBlock(
            "projects",
            _("Charity projects open"),
            charity_home.projects,
            more_url=lambda c: reverse("charity:projects", args=[c.slug]),
            empty=_("No charity project is open."),
            order=70,
        )
    )
    home.register(
        HomeBlock(
            "needs",
            _("Needs open"),
            charity_home.needs,
            more_url=lambda c: reverse("charity:needs", args=[c.slug]),
            empty=_("No need is open."),
            order=80,
        )
    )
    home.register_mine(
        MineBlock(
            "pledges",
            _("My pledges"),
            charity_home.my_pledges,
            empty=_("You have not pledged anything yet."),
            order=60,
        )
    )
