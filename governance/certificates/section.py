"""The certificates section of the oversight dashboards: requests, issued,
refused and overdue (past the due date, still waiting). Each figure links to the
register: a single community's, or the narrowest street or district in view
(with `?community=<slug>` per community). Two queries at most whatever the number
of communities or requests."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.oversight import Figure, Section
from governance.certificates import selectors

KEYS = (
    ("requests", _("certificate requests"), {}, "neutral"),
    ("issued", _("certificates issued"), {"status": "issued"}, "ok"),
    ("refused", _("certificate requests refused"), {"status": "refused"}, "neutral"),
    ("overdue", _("certificate requests overdue"), {"overdue": "on"}, "bad"),
)


def _region(rows: list[Any], user: Any) -> Any:
    """The narrowest street or district holding every community in view, when
    this person may open its register (None otherwise)."""
    if not rows:
        return None
    if len({c.street_id for c in rows}) == 1:
        region = rows[0].street
    elif len({c.street.parent_id for c in rows}) == 1:
        region = rows[0].street.parent
    else:
        return None
    may = user and user.has_perm("governance.view_region_certificates", region)
    return region if may else None


def _base(rows: list[Any], user: Any) -> tuple[str, dict[str, str]]:
    if len(rows) == 1 and user.has_perm(
        "governance.view_certificate_register", rows[0]
    ):
        return reverse("governance:certificate-register", args=[rows[0].slug]), {}
    region = _region(rows, user)
    if region is None:
        return "", {}
    return reverse("governance:region-certificates", args=[region.slug]), {}


def _figures(counts: dict[str, int], base: str, extra: dict[str, str]) -> list[Figure]:
    figures = []
    for key, label, filters, tone in KEYS:
        query = {**extra, **filters}
        url = f"{base}?{urlencode(query)}" if base and query else base
        count = counts.get(key) or 0
        figures.append(
            Figure(
                key=f"certificates_{key}",
                label=label,
                count=count,
                url=url,
                tone=tone if count else "neutral",
            )
        )
    return figures


def figures(communities: Any, user: Any) -> list[Figure]:
    rows = list(communities.select_related("street").order_by("pk"))
    base, extra = _base(rows, user)
    return _figures(selectors.dashboard_counts(communities), base, extra)


def per_community(communities: Any, user: Any) -> dict[int, list[Figure]]:
    rows = list(communities.select_related("street").order_by("pk"))
    region = _region(rows, user)
    base = (
        reverse("governance:region-certificates", args=[region.slug]) if region else ""
    )
    counts = selectors.dashboard_counts_per_community(communities)
    return {
        c.pk: _figures(counts.get(c.pk, {}), base, {"community": c.slug}) for c in rows
    }


SECTION = Section(
    key="certificates",
    title=_("Certificates issued by the committee"),
    figures=figures,
    per_community=per_community,
    order=25,
)
