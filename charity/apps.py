from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _may_manage(user, community) -> bool:
    return user.is_authenticated and user.has_perm("charity.manage_charity", community)


def _may_oversee(user, community) -> bool:
    return user.is_authenticated and user.has_perm(
        "charity.view_overdue_reports", community
    )


def _overdue_url(community) -> str:
    from django.urls import reverse

    return f"{reverse('charity:overdue-reports')}?community={community.slug}"


class CharityConfig(AppConfig):
    name = "charity"
    verbose_name = _("charity")

    def ready(self) -> None:
        from charity import demo as demo_seeder
        from communities import demo as demo_registry

        demo_registry.register("charity", demo_seeder.seed, order=60)
        from django.db.models.signals import post_delete, post_save
        from django.urls import reverse

        from charity import rules  # noqa: F401  (registers the permissions)
        from charity.models import (
            Donation,
            Expenditure,
            Need,
            NeedPledge,
            Organisation,
            Project,
            Report,
            ReportAttachment,
        )
        from charity.oversight import SECTION
        from charity.tasks import lapse_pledges
        from communities import navigation, oversight
        from communities.cache import bump_generation
        from notifications import kinds, scheduling

        kinds.register("charity.project_status", _("Charity project status changes"))
        kinds.register("charity.report_filed", _("Charity project reports"))
        oversight.register(SECTION)
        scheduling.register(
            "charity.lapse_pledges", lapse_pledges, every=timedelta(hours=1)
        )
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
            )
        )
        navigation.register(
            navigation.NavItem(
                "charity-overdue",
                _("Overdue charity reports"),
                _overdue_url,
                _may_oversee,
                order=89,
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
        # Public project pages are cached whole; any change retires them.
        for model in (
            Organisation,
            Project,
            Donation,
            Expenditure,
            Report,
            ReportAttachment,
            Need,
            NeedPledge,
        ):
            post_save.connect(
                bump_generation,
                sender=model,
                dispatch_uid=f"gz_charity_cache_save_{model.__name__}",
            )
            post_delete.connect(
                bump_generation,
                sender=model,
                dispatch_uid=f"gz_charity_cache_delete_{model.__name__}",
            )
