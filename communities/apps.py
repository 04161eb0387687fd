from datetime import time

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("communities")

    def ready(self) -> None:
        from communities import signals
        from notifications import kinds
        from notifications.models import Delivery

        signals.connect()
        post_migrate.connect(_ensure_portal_after_migrate, sender=self)
        kinds.register(
            "communities.membership_requested",
            _("someone asks to join your community"),
            Delivery.INSTANT,
        )
        kinds.register(
            "communities.membership_verified", _("your residency was verified")
        )
        kinds.register(
            "communities.membership_rejected",
            _("your request to join was not accepted"),
        )
        kinds.register("communities.role_granted", _("you were given a role"))
        self._register_schedule()
        self._register_personal_data()

    def _register_schedule(self) -> None:
        from communities.tasks import expire_role_grants
        from notifications import scheduling

        scheduling.register(
            "communities.expire_role_grants", expire_role_grants, daily_at=time(0, 10)
        )

    def _register_personal_data(self) -> None:
        from accounts import personal_data
        from communities import privacy

        personal_data.register_collector("communities", privacy.collect)
        personal_data.register_anonymiser(privacy.anonymise)


def _ensure_portal_after_migrate(sender, using="default", plan=None, **kwargs) -> None:
    """A fresh site serves the district portal at "/", with or without demo data."""
    from django.db import connections
    from wagtail.models import Page

    if "wagtailcore_page" not in connections[using].introspection.table_names():
        return
    if not Page.objects.using(using).filter(depth=1).exists():
        return  # flushed database without Wagtail's root (transactional tests)
    from communities.services import ensure_portal

    ensure_portal()
