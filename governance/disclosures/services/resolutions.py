"""Publishing from other apps: a consultation's resolution becomes a 政务 disclosure."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities.models import Community
from governance.disclosures.models import (
    CatalogueEntry,
    Category,
)
from governance.disclosures.pages import DisclosurePage
from governance.disclosures.services.catalogue import ensure_disclosure_index


# ---------------------------------------------------------------------------
# Publishing from other apps
# ---------------------------------------------------------------------------
@transaction.atomic
def publish_resolution(
    community: Community,
    title: str,
    text: str,
    *,
    category: str = Category.AFFAIRS,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    summary: str = "",
    is_juwu: bool = False,
    entry: CatalogueEntry | None = None,
    actor: Any | None = None,
) -> DisclosurePage:
    """Publish a disclosure on the community's board from another app.

    `text` is plain text (paragraphs separated by blank lines). Items that need
    review (finance, or `is_juwu`) are submitted to the supervision review
    workflow instead of published; the caller gets the page either way (check
    `page.live`). Used by consultation to publish resolutions and feedback.
    """
    index = ensure_disclosure_index(community)
    if index is None:
        raise ValidationError(_("This community has no site pages yet."))
    today = timezone.localdate()
    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    body = [
        ("paragraph", "".join(f"<p>{escape(line)}</p>" for line in p.splitlines()))
        for p in paragraphs
    ]
    base = slugify(title, allow_unicode=False) or "disclosure"
    slug = f"{base}-{timezone.now():%Y%m%d%H%M%S%f}"[:255]
    page = index.add_child(
        instance=DisclosurePage(
            title=title[:255],
            slug=slug,
            category=category,
            is_juwu=is_juwu,
            period_start=period_start or today,
            period_end=period_end or period_start or today,
            summary=summary[:300],
            body=body,
            catalogue_entry=entry,
            live=False,
        )
    )
    revision = page.save_revision(user=actor)
    if page.needs_review:
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, actor)
    else:
        revision.publish(user=None)
        page.refresh_from_db()
    return page


def publish_consultation_resolution(
    *,
    community: Community,
    title: str,
    text: str,
    url: str,
    adopted_at: datetime.datetime,
    source: Any = None,
) -> Any:
    """Publish a consultation's resolution on the community's disclosure board.

    Called by consultation.publishing when participants confirm the minutes. The
    disclosure is a 居务 (affairs) item covering the day of adoption; it carries
    the resolution text and a link back to the consultation's own page. Returns
    the disclosure page (live, or submitted for supervision review when the
    community's rules require it).
    """

    day = timezone.localdate(adopted_at) if adopted_at else timezone.localdate()
    link = _("Full record of the consultation: %(url)s") % {"url": url}
    return publish_resolution(
        community,
        title,
        f"{text}\n\n{link}" if url else text,
        period_start=day,
        period_end=day,
        summary=title,
    )
