"""The service-referral section of the oversight dashboards: referrals open (and
open per service), completed with the outcome achieved, and the contracts in
force: services delivered vs contracted. Each figure links to the region's
referral or contract list when the viewer may open it. Three queries whatever
the number of communities, referrals or contracts."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.referrals import selectors
from assistance.referrals.models import Service
from communities.oversight import Figure, Section


def _region(communities: Any, user: Any) -> Any:
    """The narrowest street or district holding every community in view, when
    this person may open its lists (None otherwise)."""
    rows = list(communities.select_related("street__parent").order_by("pk"))
    if not rows:
        return None
    if len({c.street_id for c in rows}) == 1:
        region = rows[0].street
    elif len({c.street.parent_id for c in rows}) == 1:
        region = rows[0].street.parent
    else:
        return None
    return region if user and user.has_perm("assistance.list_cases", region) else None


def _url(region: Any, name: str = "assistance:region-referrals", **filters) -> str:
    if region is None:
        return ""
    base = reverse(name, args=[region.slug])
    return f"{base}?{urlencode(filters)}" if filters else base


def figures(communities: Any, user: Any) -> list[Figure]:
    region = _region(communities, user)
    counts = selectors.dashboard_counts(communities)
    contracted, delivered = selectors.contracts_running(
        communities, timezone.localdate()
    )
    rows = [
        Figure(
            key="referrals_open",
            label=_("service referrals open"),
            count=counts["open"],
            url=_url(region, status="open"),
        )
    ]
    rows += [
        Figure(
            key=f"referrals_{service.value}",
            label=service.label,
            count=counts[service.value],
            url=_url(region, status="open", service=service.value),
        )
        for service in Service
    ]
    contracts = _url(region, "assistance:contracts") if region else ""
    if contracts and not user.has_perm("assistance.manage_contracts", region):
        contracts = ""
    rows += [
        Figure(
            key="referrals_achieved",
            label=_("referrals completed with the outcome achieved"),
            count=counts["achieved"],
            url=_url(region, status="completed", outcome="achieved"),
            tone="ok",
        ),
        Figure(
            key="contracts_contracted",
            label=_("services contracted (contracts in force)"),
            count=contracted,
            url=contracts,
        ),
        Figure(
            key="contracts_delivered",
            label=_("of which delivered"),
            count=delivered,
            url=contracts,
            tone="ok" if delivered >= contracted else "warn",
        ),
    ]
    return rows


SECTION = Section(
    key="assistance_referrals",
    title=_("Service referrals and purchased services"),
    figures=figures,
    order=37,
)
