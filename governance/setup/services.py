"""A community's governance space: what every community gets when it is created."""

from __future__ import annotations

from django.db import transaction

from communities.models import Community
from governance.bodies.services import ensure_bodies
from governance.charters.services.drafting import ensure_charter_index
from governance.disclosures.services.catalogue import setup_disclosures
from governance.notices.services import ensure_notice_index


@transaction.atomic
def setup_community(community: Community) -> None:
    """Everything governance needs per community: bodies, notices, disclosures, charters."""

    ensure_bodies(community)
    ensure_notice_index(community)
    setup_disclosures(community)
    ensure_charter_index(community)
