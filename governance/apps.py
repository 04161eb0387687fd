from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("governance")

    def ready(self) -> None:
        from communities import demo as demo_registry
        from governance import demo as demo_seeder

        demo_registry.register("governance", demo_seeder.seed, order=10)
        from communities import navigation
        from governance import oversight, search_index, signals
        from notifications import kinds

        signals.connect()
        from governance import charter_oversight

        charter_oversight.register()
        post_migrate.connect(_setup_communities_after_migrate, sender=self)
        search_index.register_kind("notice", _("Notice"))
        from governance.charters import CharterKind
        from governance.disclosure_models import Category

        search_index.register_kind(
            "disclosure", _("Affairs disclosure"), Category.choices
        )
        search_index.register_kind(
            "charter", _("Charters and conventions"), CharterKind.choices
        )
        oversight.register()
        _schedule_publishing()
        kinds.register(
            "governance.notice_published", _("a new notice in your community")
        )
        navigation.register(
            navigation.NavItem("notices", _("Notices"), _notices_url, order=10)
        )
        navigation.register(
            navigation.NavItem(
                "who-serves", _("Who serves us"), _who_serves_url, order=11
            )
        )
        self._register_disclosures()
        navigation.register(
            navigation.NavItem(
                "bodies",
                _("Bodies and terms"),
                _bodies_url,
                _may_manage_bodies,
                order=89,
            )
        )

    def _register_disclosures(self) -> None:
        from datetime import time

        from communities import navigation, oversight
        from governance import disclosure_selectors
        from governance.tasks import disclosure_daily
        from notifications import kinds, scheduling
        from notifications.models import Delivery

        for key, label, delivery in [
            (
                "governance.disclosure_review_requested",
                _("a disclosure waits for your review"),
                Delivery.INSTANT,
            ),
            (
                "governance.disclosure_returned",
                _("your disclosure was returned with a reason"),
                Delivery.INSTANT,
            ),
            (
                "governance.disclosure_overdue",
                _("a disclosure of your community is overdue"),
                Delivery.INSTANT,
            ),
            (
                "governance.objection_filed",
                _("a resident questions a disclosure"),
                Delivery.INSTANT,
            ),
            (
                "governance.objection_answered",
                _("your question on a disclosure was answered"),
                None,
            ),
            (
                "governance.objection_escalated",
                _("an objection was not answered in time"),
                Delivery.INSTANT,
            ),
        ]:
            if delivery is None:
                kinds.register(key, label)
            else:
                kinds.register(key, label, delivery)
        navigation.register(
            navigation.NavItem(
                "disclosures", _("Affairs disclosure"), _disclosures_url, order=12
            )
        )
        navigation.register(
            navigation.NavItem(
                "disclosure-review",
                _("Disclosure review"),
                _review_url,
                _may_see_disclosure_oversight,
                order=85,
            )
        )
        navigation.register(
            navigation.NavItem(
                "disclosure-catalogue",
                _("Disclosure catalogue"),
                _catalogue_url,
                _may_see_disclosure_oversight,
                order=86,
            )
        )
        navigation.register(
            navigation.NavItem(
                "objections",
                _("Objections"),
                _objections_url,
                _may_see_disclosure_oversight,
                order=87,
            )
        )
        navigation.register_region(
            navigation.RegionNavItem(
                "escalated-objections",
                _("Escalated objections"),
                _escalated_url,
                order=20,
            )
        )
        scheduling.register(
            "governance.disclosure_daily", disclosure_daily, daily_at=time(1, 5)
        )
        oversight.register(
            oversight.Section(
                key="disclosures",
                title=_("Affairs disclosure"),
                figures=disclosure_selectors.figures,
                per_community=disclosure_selectors.per_community,
                order=20,
            )
        )


def _disclosures_url(community) -> str:
    return f"/{community.slug}/disclosures/"


def _escalated_url(region) -> str:
    from django.urls import reverse

    return reverse("governance:escalated-objections")


def _review_url(community) -> str:
    from django.urls import reverse

    return reverse("governance:disclosure-review", args=[community.slug])


def _catalogue_url(community) -> str:
    from django.urls import reverse

    return reverse("governance:disclosure-catalogue", args=[community.slug])


def _objections_url(community) -> str:
    from django.urls import reverse

    return reverse("governance:objections", args=[community.slug])


def _may_see_disclosure_oversight(user, community) -> bool:
    return user.is_authenticated and user.has_perm(
        "governance.view_disclosure_oversight", community
    )


def _schedule_publishing() -> None:
    """Scheduled notices go live, and expired ones leave, within a minute."""
    import datetime

    from governance.tasks import publish_scheduled_pages
    from notifications import scheduling

    scheduling.register(
        "governance.publish_scheduled",
        publish_scheduled_pages,
        every=datetime.timedelta(minutes=1),
    )


def _notices_url(community) -> str:
    return f"/{community.slug}/notices/"


def _who_serves_url(community) -> str:
    from django.urls import reverse

    return reverse("governance:who-serves", args=[community.slug])


def _bodies_url(community) -> str:
    from django.urls import reverse

    return reverse("governance:bodies", args=[community.slug])


def _may_manage_bodies(user, community) -> bool:
    return user.is_authenticated and user.has_perm("governance.manage_body", community)


def _setup_communities_after_migrate(sender, using="default", **kwargs) -> None:
    """Communities created before governance existed get their bodies and notices."""
    from django.db import connections

    tables = connections[using].introspection.table_names()
    if "governance_body" not in tables or "communities_communityhomepage" not in tables:
        return
    from communities.models import Community
    from governance.services import setup_community

    for community in Community.objects.using(using).filter(home_page__isnull=False):
        setup_community(community)
    # Pages published before the search index existed are indexed once.
    if "governance_searchentry" in tables:
        from governance import search_index
        from governance.models import SearchEntry

        if not SearchEntry.objects.using(using).exists():
            search_index.rebuild()
