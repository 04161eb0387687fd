"""The "charters" section of the oversight dashboards (communities.oversight).

Figures: communities with a current filed charter, communities without one, charter
versions under street/town review, adopted versions whose filing is overdue. Each
links to /my/oversight/charters/<key>/, the list of the items behind it, narrowed to
the community, street or district the figures were drawn for. Four queries whatever
the number of communities (five for `per_community`, which adds none per row).

Registered by governance/registration.py.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from communities import oversight, wording
from governance.charters import selectors as charter_selectors

KEYS = ("with", "without", "review", "overdue")
LABELS = {
    "with": _("communities with a current filed charter"),
    "without": _("communities without a current filed charter"),
    "review": _("charters under street/town review"),
    "overdue": _("adopted charters not filed in time"),
}


def _scope(communities) -> tuple[list[int], dict[str, int]]:
    """The community ids (one query) and the narrowest filter naming them all."""
    rows = list(communities.values_list("pk", "street_id", "street__parent_id"))
    ids = [pk for pk, _s, _d in rows]
    streets = {street for _p, street, _d in rows}
    districts = {district for _p, _s, district in rows}
    if len(ids) == 1:
        return ids, {"community": ids[0]}
    if len(streets) == 1:
        return ids, {"street": streets.pop()}
    if len(districts) == 1:
        return ids, {"district": districts.pop()}
    return ids, {}


def url_for(key: str, narrow: dict[str, int] | None = None) -> str:
    url = reverse("governance:charter-oversight", args=[key])
    return f"{url}?{urlencode(narrow)}" if narrow else url


def figures(communities, user: Any) -> list[oversight.Figure]:
    ids, narrow = _scope(communities)
    with_charter = charter_selectors.communities_with_current_charter(ids)
    review = charter_selectors.under_review(ids).count()
    overdue = charter_selectors.filing_overdue(ids).count()
    without = len(ids) - len(with_charter)
    return [
        oversight.Figure(
            "with", LABELS["with"], len(with_charter), url_for("with", narrow), "ok"
        ),
        oversight.Figure(
            "without",
            LABELS["without"],
            without,
            url_for("without", narrow),
            "bad" if without else "ok",
        ),
        oversight.Figure(
            "review", LABELS["review"], review, url_for("review", narrow), "neutral"
        ),
        oversight.Figure(
            "overdue",
            LABELS["overdue"],
            overdue,
            url_for("overdue", narrow),
            "bad" if overdue else "ok",
        ),
    ]


def per_community(communities, user: Any) -> dict[int, list[oversight.Figure]]:
    """Per community: "with" and "without" (1 or 0: a current filed charter or
    not), the versions under review and the filings overdue."""
    ids = list(communities.values_list("pk", flat=True))
    with_charter = charter_selectors.communities_with_current_charter(ids)
    review: dict[int, int] = {}
    for community_id in charter_selectors.under_review(ids).values_list(
        "community_id", flat=True
    ):
        review[community_id] = review.get(community_id, 0) + 1
    overdue: dict[int, int] = {}
    for community_id in charter_selectors.filing_overdue(ids).values_list(
        "community_id", flat=True
    ):
        overdue[community_id] = overdue.get(community_id, 0) + 1
    bases = {key: url_for(key) for key in KEYS}  # url_for(key, {"community": pk})
    result = {}
    for pk in ids:
        query = urlencode({"community": pk})
        has = pk in with_charter
        # The same keys as the totals (`figures`), so the dashboard's table puts
        # each community's 1 or 0 under "with" and "without".
        result[pk] = [
            oversight.Figure(
                "with",
                LABELS["with"],
                1 if has else 0,
                f"{bases['with']}?{query}",
                "ok" if has else "neutral",
            ),
            oversight.Figure(
                "without",
                LABELS["without"],
                0 if has else 1,
                f"{bases['without']}?{query}",
                "ok" if has else "bad",
            ),
            oversight.Figure(
                "review",
                LABELS["review"],
                review.get(pk, 0),
                f"{bases['review']}?{query}",
                "neutral",
            ),
            oversight.Figure(
                "overdue",
                LABELS["overdue"],
                overdue.get(pk, 0),
                f"{bases['overdue']}?{query}",
                "bad" if overdue.get(pk) else "ok",
            ),
        ]
    return result


SECTION = oversight.Section(
    key="charters",
    title=wording.Worded("charters_and_conventions"),
    figures=figures,
    per_community=per_community,
    order=30,
)
