"""A community's governance space: what every community gets when it is created."""

from __future__ import annotations

from django.db import transaction
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from communities.models import Community
from governance.bodies.models import Body, Preset
from governance.bodies.services import MAIN_BODIES, ensure_bodies
from governance.charters.pages import CharterIndexPage
from governance.charters.services.drafting import ensure_charter_index
from governance.disclosures.models import CatalogueEntry
from governance.disclosures.pages import DisclosureIndexPage
from governance.disclosures.services.catalogue import setup_disclosures
from governance.notices.pages import NoticeIndexPage
from governance.notices.services import ensure_notice_index


@transaction.atomic
def setup_community(community: Community) -> None:
    """Everything governance needs per community: bodies, notices, disclosures, charters."""

    ensure_bodies(community)
    ensure_notice_index(community)
    setup_disclosures(community)
    ensure_charter_index(community)


def not_set_up(using: str = "default") -> QuerySet[Community]:
    """Communities with a home page lacking part of what `setup_community` makes
    (one query, whatever the number of communities): one of the bodies
    `ensure_bodies` adds, the notice, disclosure or charter index, the
    disclosure index's workflow, or any catalogue entry. The others would be left
    as they are by `setup_community`, so `migrate` skips them."""
    mine = OuterRef("pk")
    bodies = (
        Body.objects.using(using)
        .filter(community=mine)
        .filter(
            Q(kind__in=[kind for kind, _order in MAIN_BODIES], preset="")
            | Q(kind=Body.Kind.SUBCOMMITTEE, preset__in=Preset.values)
        )
        .order_by()
        .values("community")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # The disclosure board with its review workflow (`ensure_disclosure_index`).
    disclosures = DisclosureIndexPage.objects.using(using).filter(
        community=mine, workflowpage__isnull=False
    )
    return (
        Community.objects.using(using)
        .filter(home_page__isnull=False)
        .annotate(
            gz_set_up_bodies=Coalesce(Subquery(bodies, output_field=IntegerField()), 0)
        )
        .filter(
            Q(gz_set_up_bodies__lt=len(MAIN_BODIES) + len(Preset))
            | ~Exists(NoticeIndexPage.objects.using(using).filter(community=mine))
            | ~Exists(disclosures)
            | ~Exists(CatalogueEntry.objects.using(using).filter(community=mine))
            | ~Exists(CharterIndexPage.objects.using(using).filter(community=mine))
        )
        .order_by("pk")
    )
