"""The record of each review decision and each publication (a version).

A published disclosure is never changed in place: each publication is a version,
later ones with a new correction note.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Revision

from audit.services import record
from governance.disclosures.models import (
    DisclosureReview,
    DisclosureVersion,
)
from governance.disclosures.pages import DisclosurePage
from governance.disclosures.services.schedule import fulfil_due_item


@transaction.atomic
def record_version(
    page: DisclosurePage, revision: Revision | None
) -> DisclosureVersion:
    """Called when a disclosure is published: keep this version for the archive."""
    page = DisclosurePage.objects.select_for_update().get(pk=page.pk)
    if revision is None:
        revision = page.live_revision or page.get_latest_revision()
    existing = page.versions.filter(revision=revision).first()
    if existing is not None:
        return existing
    number = (
        page.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    approval = (
        DisclosureReview.objects.filter(
            page=page, revision=revision, decision=DisclosureReview.Decision.APPROVED
        )
        .order_by("-decided_at")
        .first()
    )
    content = revision.as_object()
    version = DisclosureVersion.objects.create(
        page=page,
        number=number,
        revision=revision,
        title=content.title,
        text=content.plain_text(),
        correction_note=content.correction_note if number > 1 else "",
        approved_by=approval.reviewer if approval else None,
        approved_at=approval.decided_at if approval else None,
    )
    community = page.community_of_disclosure()
    if number == 1:
        fulfil_due_item(page, community)
    record(
        actor=revision.user,
        action="governance.disclosure.publish",
        target=page,
        community=community,
        data={"version": number},
    )
    return version
