"""What governance.certificates adds to the platform's registries (called from
governance.registration.register): notification kinds, the daily overdue job,
the dashboard section, the community and region navigation, the personal-data
collector, cache invalidation and the demo."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from communities import demo as demo_registry
from communities import navigation, oversight
from communities.cache import invalidate_on_change
from governance.certificates import demo, privacy, section, services
from governance.certificates.models import CertificateType
from governance.certificates.views.public import NAV_CERTIFICATES
from governance.certificates.views.register import NAV_REGION_REGISTER, NAV_REGISTER
from governance.certificates.views.requests import NAV_MINE, NAV_QUEUE
from governance.certificates.views.types import NAV_TYPES
from notifications import kinds, scheduling
from notifications.models import Delivery


def _may(perm: str):
    return lambda user, obj: user.is_authenticated and user.has_perm(perm, obj)


def _url(name: str):
    return lambda obj: reverse(f"governance:{name}", args=[obj.slug])


def register() -> None:
    kinds.register(
        services.KIND_CERTIFICATE_DECIDED, _("your certificate was issued or refused")
    )
    kinds.register(
        services.KIND_CERTIFICATE_REQUESTED,
        _("a resident asks the committee for a certificate"),
        Delivery.INSTANT,
    )
    kinds.register(
        services.KIND_CERTIFICATE_OVERDUE,
        _("a certificate request is past its time limit"),
        Delivery.INSTANT,
    )
    scheduling.register(
        "governance.certificates_overdue",
        services.notify_overdue,
        daily_at=datetime.time(8, 10),
    )
    oversight.register(section.SECTION)
    for item in [
        navigation.NavItem(
            NAV_CERTIFICATES, _("Certificates"), _url("certificates"), order=14
        ),
        navigation.NavItem(
            NAV_MINE,
            _("My certificates"),
            _url("my-certificates"),
            _may("governance.request_certificate"),
            order=60,
        ),
        navigation.NavItem(
            NAV_QUEUE,
            _("Certificate requests"),
            _url("certificate-queue"),
            _may("governance.handle_certificates"),
            order=83,
            staff=True,
            group="committee",
        ),
        navigation.NavItem(
            NAV_REGISTER,
            _("Certificate register"),
            _url("certificate-register"),
            _may("governance.view_certificate_register"),
            order=84,
            staff=True,
            group="committee",
        ),
    ]:
        navigation.register(item)
    navigation.register_region(
        navigation.RegionNavItem(
            NAV_REGION_REGISTER,
            _("Certificate register"),
            _url("region-certificates"),
            _may("governance.view_region_certificates"),
            order=25,
        )
    )
    navigation.register_region(
        navigation.RegionNavItem(
            NAV_TYPES,
            _("Certificates the committees may issue"),
            _url("certificate-types"),
            _may("governance.manage_certificate_types"),
            order=26,
        )
    )
    personal_data.register_collector(
        "certificate_requests", privacy.collect_certificate_requests
    )
    demo_registry.register("governance.certificates", demo.seed, order=12)


def connect(**_kwargs: Any) -> None:
    # The community's certificates page shows the district's allowed list.
    invalidate_on_change(CertificateType, uid="governance.certificates")
