from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("governance")

    def ready(self) -> None:
        from communities import navigation
        from governance import signals
        from notifications import kinds

        signals.connect()
        from governance import charter_oversight

        charter_oversight.register()
        post_migrate.connect(_setup_communities_after_migrate, sender=self)
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
        navigation.register(
            navigation.NavItem(
                "bodies",
                _("Bodies and terms"),
                _bodies_url,
                _may_manage_bodies,
                order=89,
            )
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
