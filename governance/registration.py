"""What governance registers with the platform, called from GovernanceConfig.ready().

`register()`: the demo seeder, the kinds of searchable page, the oversight
dashboard sections, scheduled jobs, notification kinds, navigation entries and the
Wagtail hook that keeps adopted charters. `connect()`: the signal receivers.

Communities must not import governance (dependencies point one way), so governance
listens: when a community's home page is created (by communities.services.
create_community) it sets the community's governance space up. Receivers only call
services; the rules stay in the services.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db import connections
from django.db.models.signals import post_migrate, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Workflow
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_submitted,
)

from communities import demo as demo_registry
from communities import desk, home, navigation, wording
from communities import oversight as dashboards
from communities.cache import invalidate_on_change
from communities.home import HomeBlock, MineBlock, WaitingBlock
from communities.models import CommunityHomePage, Role
from governance.bodies.models import Body, Term
from governance.certificates import registration as certificates
from governance.charters import oversight as charter_oversight
from governance.charters.models import CharterClause, CharterKind, CharterVersion
from governance.charters.services.steps import KIND_CHARTER_STEP
from governance.charters.views import keep_adopted_charters
from governance.disclosures import editor as disclosure_editor
from governance.disclosures import home as disclosures_home
from governance.disclosures import selectors as disclosure_selectors
from governance.disclosures.models import Category, Objection
from governance.disclosures.pages import DisclosurePage
from governance.disclosures.review import SupervisionReviewTask
from governance.disclosures.services import base as disclosure_kinds
from governance.disclosures.services.base import WORKFLOW_NAME
from governance.disclosures.services.versions import record_version
from governance.disclosures.services.workflow import (
    ensure_review_workflow,
    notify_reviewers,
)
from governance.disclosures.tasks import disclosure_daily
from governance.notices import home as notices_home
from governance.notices import oversight as notice_oversight
from governance.notices import selectors as notice_selectors
from governance.notices.pages import NoticePage
from governance.notices.services import KIND_NOTICE_PUBLISHED, announce_notice
from governance.notices.tasks import publish_scheduled_pages
from governance.search import index as search_index
from governance.search.models import SearchEntry
from governance.setup import demo
from governance.setup.services import not_set_up, setup_community
from governance.vetting import registration as vetting_registration
from notifications import kinds, scheduling
from notifications.models import Delivery


def register() -> None:
    demo_registry.register("governance", demo.seed, order=10)
    search_index.register_kind("notice", _("Notice"))
    search_index.register_kind(
        "disclosure", wording.Worded("affairs_disclosure"), Category.choices
    )
    search_index.register_kind(
        "charter", wording.Worded("charters_and_conventions"), CharterKind.choices
    )
    _register_dashboards()
    _register_schedules()
    _register_notification_kinds()
    _register_navigation()
    _register_desk()
    _register_home()
    hooks.register("before_delete_page", keep_adopted_charters)
    vetting_registration.register()
    hooks.register("construct_page_action_menu", disclosure_editor.review_first)
    hooks.register("insert_editor_js", disclosure_editor.editor_js)
    certificates.register()


def connect() -> None:
    post_migrate.connect(
        _setup_communities_after_migrate, sender=apps.get_app_config("governance")
    )
    post_save.connect(
        _home_page_created,
        sender=CommunityHomePage,
        dispatch_uid="gz_governance_setup_community",
    )
    page_published.connect(
        _notice_published, sender=NoticePage, dispatch_uid="gz_governance_announce"
    )
    page_published.connect(
        _disclosure_published,
        sender=DisclosurePage,
        dispatch_uid="gz_governance_disclosure_version",
    )
    task_submitted.connect(
        _review_requested, dispatch_uid="gz_governance_review_requested"
    )
    # The site search: every page class with `search_kind` and `search_document()`.
    page_published.connect(_page_published, dispatch_uid="gz_search_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="gz_search_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="gz_search_moved")
    # Public pages show bodies and terms ("who serves us"), disclosures' objections
    # and answers, charters' versions and clauses: a change retires cached pages.
    invalidate_on_change(
        Body, Term, Objection, CharterVersion, CharterClause, uid="governance"
    )
    certificates.connect()


# ---------------------------------------------------------------------------
# Registries
# ---------------------------------------------------------------------------
def _register_dashboards() -> None:
    dashboards.register(
        dashboards.Section(
            key="notices",
            title=_("Notices"),
            figures=notice_oversight.figures,
            per_community=notice_oversight.per_community,
            order=10,
        )
    )
    dashboards.register(
        dashboards.Section(
            key="disclosures",
            title=wording.Worded("affairs_disclosure"),
            figures=disclosure_selectors.figures,
            per_community=disclosure_selectors.per_community,
            order=20,
        )
    )
    dashboards.register(charter_oversight.SECTION)


def _register_schedules() -> None:
    # Scheduled notices go live, and expired ones leave, within a minute.
    scheduling.register(
        "governance.publish_scheduled",
        publish_scheduled_pages,
        every=datetime.timedelta(minutes=1),
    )
    scheduling.register(
        "governance.disclosure_daily",
        disclosure_daily,
        daily_at=datetime.time(1, 5),
    )


def _register_notification_kinds() -> None:
    kinds.register(KIND_NOTICE_PUBLISHED, _("a new notice in your community"))
    for key, label, delivery in [
        (
            disclosure_kinds.KIND_REVIEW_REQUESTED,
            _("a disclosure waits for your review"),
            Delivery.INSTANT,
        ),
        (
            disclosure_kinds.KIND_RETURNED,
            _("your disclosure was returned with a reason"),
            Delivery.INSTANT,
        ),
        (
            disclosure_kinds.KIND_OVERDUE,
            _("a disclosure of your community is overdue"),
            Delivery.INSTANT,
        ),
        (
            disclosure_kinds.KIND_OBJECTION_FILED,
            _("a resident questions a disclosure"),
            Delivery.INSTANT,
        ),
        (
            disclosure_kinds.KIND_OBJECTION_ANSWERED,
            _("your question on a disclosure was answered"),
            None,
        ),
        (
            disclosure_kinds.KIND_OBJECTION_ESCALATED,
            _("an objection was not answered in time"),
            Delivery.INSTANT,
        ),
    ]:
        if delivery is None:
            kinds.register(key, label)
        else:
            kinds.register(key, label, delivery)
    kinds.register(KIND_CHARTER_STEP, _("a step in the adoption of a charter"))


def _register_navigation() -> None:
    for item in [
        navigation.NavItem("notices", _("Notices"), _notices_url, order=10),
        navigation.NavItem("who-serves", _("Who serves us"), _who_serves_url, order=11),
        navigation.NavItem(
            "disclosures",
            wording.Worded("affairs_disclosure"),
            _disclosures_url,
            order=12,
        ),
        navigation.NavItem("charters", _("Charters"), _charters_url, order=12),
        navigation.NavItem(
            "disclosure-review",
            _("Disclosure review"),
            _review_url,
            _may_see_disclosure_oversight,
            order=85,
            staff=True,
            group="supervision",
        ),
        navigation.NavItem(
            "disclosure-catalogue",
            _("Disclosure catalogue"),
            _catalogue_url,
            _may_see_disclosure_oversight,
            order=86,
            staff=True,
            group="supervision",
        ),
        navigation.NavItem(
            "objections",
            _("Objections"),
            _objections_url,
            _may_see_disclosure_oversight,
            order=87,
            staff=True,
            group="supervision",
        ),
        navigation.NavItem(
            "charter-work",
            _("Charter work"),
            _charter_work_url,
            _may_watch_charters,
            order=88,
            staff=True,
            group="committee",
        ),
        navigation.NavItem(
            "bodies",
            _("Bodies and terms"),
            _bodies_url,
            _may_manage_bodies,
            order=89,
            staff=True,
            group="committee",
        ),
    ]:
        navigation.register(item)
    navigation.register_region(
        navigation.RegionNavItem(
            "escalated-objections",
            _("Escalated objections"),
            _escalated_url,
            order=20,
        )
    )


def _notices_url(community) -> str:
    return f"/{community.slug}/notices/"


def _who_serves_url(community) -> str:
    return reverse("governance:who-serves", args=[community.slug])


def _bodies_url(community) -> str:
    return reverse("governance:bodies", args=[community.slug])


def _may_manage_bodies(user, community) -> bool:
    # Street officers appoint 两委 terms too (governance.change_term).
    return user.is_authenticated and user.has_perm("governance.change_term", community)


def _disclosures_url(community) -> str:
    return f"/{community.slug}/disclosures/"


def _review_url(community) -> str:
    return reverse("governance:disclosure-review", args=[community.slug])


def _catalogue_url(community) -> str:
    return reverse("governance:disclosure-catalogue", args=[community.slug])


def _objections_url(community) -> str:
    return reverse("governance:objections", args=[community.slug])


def _escalated_url(region) -> str:
    return reverse("governance:escalated-objections")


def _may_see_disclosure_oversight(user, community) -> bool:
    return user.is_authenticated and user.has_perm(
        "governance.view_disclosure_oversight", community
    )


def _charters_url(community) -> str:
    return f"/{community.slug}/charters/"


def _charter_work_url(community) -> str:
    return reverse("governance:charter-work", args=[community.slug])


def _may_watch_charters(user, community) -> bool:
    return user.is_authenticated and user.has_perm(
        "governance.view_charter_work", community
    )


# ---------------------------------------------------------------------------
# Signal receivers
# ---------------------------------------------------------------------------
def _setup_communities_after_migrate(sender, using="default", **kwargs) -> None:
    """Communities created before governance existed get their governance space."""
    tables = connections[using].introspection.table_names()
    if "governance_body" not in tables or "communities_communityhomepage" not in tables:
        return
    # Only the communities lacking part of it (one query): every community on
    # every deploy took minutes in a city of 3,000 (issue 16).
    for community in not_set_up(using):
        setup_community(community)
    # The review workflow keeps its name in the site's language (the Wagtail
    # admin shows the row as it is); untouched English names are renamed.
    if Workflow.objects.using(using).filter(name=WORKFLOW_NAME).exists():
        ensure_review_workflow()
    # Pages published before the search index existed are indexed once.
    if (
        "governance_searchentry" in tables
        and not SearchEntry.objects.using(using).exists()
    ):
        search_index.rebuild()


def _home_page_created(sender, instance, created=False, raw=False, **kwargs) -> None:
    if created and not raw:
        setup_community(instance.community)


def _notice_published(sender, instance, **kwargs) -> None:
    announce_notice(notice=instance)


def _disclosure_published(sender, instance, revision=None, **kwargs) -> None:
    record_version(instance, revision)


def _review_requested(sender, instance, user=None, **kwargs) -> None:
    if not isinstance(instance.task.specific, SupervisionReviewTask):
        return
    page = instance.workflow_state.content_object
    if isinstance(page.specific, DisclosurePage):
        notify_reviewers(page.specific)


def _page_published(sender, instance, **kwargs) -> None:
    if search_index.is_searchable_class(sender):
        search_index.refresh(instance)


def _page_unpublished(sender, instance, **kwargs) -> None:
    if search_index.is_searchable_class(sender):
        search_index.remove(instance.pk)


def _page_moved(sender, instance, **kwargs) -> None:
    specific = instance.specific_class
    if specific is not None and search_index.is_searchable_class(specific):
        search_index.refresh(instance.specific)


# ---------------------------------------------------------------------------
# Work desk (communities.desk): tasks and the direct actions into the CMS
# ---------------------------------------------------------------------------
def _register_desk() -> None:
    officers = {Role.STREET_OFFICER, Role.DISTRICT_OFFICER}
    desk.register(
        desk.DeskTask(
            key="governance.objections",
            label=_("Objections to answer"),
            group=desk.Group.COMMITTEE,
            roles={Role.COMMITTEE},
            count=desk.from_section(
                disclosure_selectors.per_community,
                waiting="objections_open",
                urgent="objections_past_due",
            ),
            url=lambda c: disclosure_selectors.figure_url("objections_open", c.pk),
            order=20,
        )
    )
    desk.register(
        desk.DeskTask(
            key="governance.disclosures_due",
            label=_("Disclosures due"),
            group=desk.Group.COMMITTEE,
            roles={Role.COMMITTEE},
            count=desk.from_section(
                disclosure_selectors.per_community, waiting="due", urgent="overdue"
            ),
            url=lambda c: disclosure_selectors.figure_url("due", c.pk),
            order=30,
        )
    )
    desk.register(
        desk.DeskTask(
            key="governance.disclosure_review",
            label=_("Disclosures to review"),
            group=desk.Group.SUPERVISION,
            roles={Role.SUPERVISION},
            count=desk.from_counts(disclosure_selectors.review_counts),
            url=lambda c: reverse("governance:disclosure-review", args=[c.slug]),
            order=10,
        )
    )
    desk.register(
        desk.DeskTask(
            key="governance.escalated_objections",
            label=_("Escalated objections"),
            group=desk.Group.OFFICER,
            roles=officers,
            count=desk.from_counts(
                disclosure_selectors.escalated_counts, all_urgent=True
            ),
            url=lambda region: reverse("governance:escalated-objections"),
            per_region=True,
            order=10,
        )
    )
    desk.register(
        desk.DeskTask(
            key="governance.region_disclosures_overdue",
            label=_("Disclosures overdue in your communities"),
            group=desk.Group.OFFICER,
            roles=officers,
            count=desk.from_section(
                disclosure_selectors.per_community, waiting="overdue", urgent="overdue"
            ),
            url=lambda region: reverse(
                "communities:region-dashboard", args=[region.slug]
            ),
            per_region=True,
            order=20,
        )
    )
    desk.register_action(
        desk.DeskAction(
            key="governance.publish_notice",
            label=_("Publish a notice"),
            group=desk.Group.COMMITTEE,
            roles={Role.COMMITTEE},
            links=lambda user, communities: notice_selectors.publish_links(communities),
            order=10,
        )
    )
    desk.register_action(
        desk.DeskAction(
            key="governance.draft_disclosure",
            label=_("Draft a disclosure"),
            group=desk.Group.COMMITTEE,
            roles={Role.COMMITTEE},
            links=lambda user, communities: disclosure_selectors.draft_links(
                communities
            ),
            order=20,
        )
    )


def _register_home() -> None:
    """The latest notices and disclosures on the community home; answers to a
    resident's objections in "waiting for you"; their objections on "mine"."""
    home.register(
        HomeBlock(
            "notices",
            _("Latest notices"),
            notices_home.latest_notices,
            more_url=notices_home.index_url,
            empty=_("No notice yet."),
            order=40,
        )
    )
    home.register(
        HomeBlock(
            "disclosures",
            _("Latest disclosures"),
            disclosures_home.latest_disclosures,
            more_url=disclosures_home.board_url,
            empty=_("No disclosure yet."),
            order=50,
        )
    )
    home.register_waiting(
        WaitingBlock(
            "objections",
            _("Answers to your objections"),
            disclosures_home.answers_to_read,
            order=40,
        )
    )
    home.register_mine(
        MineBlock(
            "objections",
            _("My objections"),
            disclosures_home.my_objections,
            empty=_("You have not raised an objection."),
            order=30,
        )
    )
