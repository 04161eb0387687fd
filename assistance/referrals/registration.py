"""What assistance.referrals adds to the platform's registries (called from
assistance.registration.register): notification kinds (the volunteers app's
visit request too, whose public service lives in volunteers.requests), the case
panel, the dashboard section, the work-list section, region navigation,
personal data and the demo."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from assistance.cases import panels
from assistance.cases.models import ACTION_LABELS
from assistance.privacy import anonymisers
from assistance.referrals import collectors, demo, retention, section, services, work
from assistance.referrals.models import SocialWorker
from assistance.referrals.panels import PANEL
from assistance.referrals.staff_views import NAV_CONTRACTS, NAV_ORGANISATIONS
from assistance.worklist import registry as worklist
from communities import demo as demo_registry
from communities import navigation, oversight
from communities.membership import personal
from notifications import kinds
from volunteers.requests.services import KIND_VISIT_REQUESTED


def _may(perm: str):
    return lambda user, region: user.is_authenticated and user.has_perm(perm, region)


def _pause_posts(user: Any) -> None:
    """A deleted account's social-work posts stop (its visits stay, unnamed)."""
    SocialWorker.objects.filter(user=user).update(is_active=False)
    personal.forget(user.pk)  # the bulk update sends no signal


def register() -> None:
    anonymisers.register(retention.anonymise)
    # "My communities" links to the referrals of a person with a social-work post.
    personal.follow(SocialWorker)
    ACTION_LABELS.update(
        {
            "refer_service": _("referred for a service"),
            "service_completed": _("referred service completed"),
            "ask_charity_need": _("need posted to the charity list"),
            "ask_volunteer_visit": _("volunteer visit asked for"),
        }
    )
    kinds.register(services.KIND_REFERRAL, _("A case referred to me for a service"))
    kinds.register(
        services.KIND_REFERRAL_UPDATE, _("Answers and outcomes of my referrals")
    )
    kinds.register(KIND_VISIT_REQUESTED, _("A visiting activity is asked for"))
    panels.register(PANEL)
    oversight.register(section.SECTION)
    worklist.register(work.SECTION)
    navigation.register_region(
        navigation.RegionNavItem(
            key=NAV_ORGANISATIONS,
            label=_("Social-work organisations"),
            url=lambda r: reverse("assistance:organisations", args=[r.slug]),
            visible=_may("assistance.register_organisation"),
            order=59,
        )
    )
    navigation.register_region(
        navigation.RegionNavItem(
            key=NAV_CONTRACTS,
            label=_("Purchased services"),
            url=lambda r: reverse("assistance:contracts", args=[r.slug]),
            visible=_may("assistance.manage_contracts"),
            order=60,
        )
    )
    personal_data.register_collector(
        "assistance_referrals", collectors.collect_household_referrals
    )
    personal_data.register_collector(
        "social_work_visits", collectors.collect_worker_visits
    )
    personal_data.register_anonymiser(_pause_posts)
    demo_registry.register("assistance.referrals", demo.seed, order=76)


def connect() -> None:
    """Nothing to connect."""
