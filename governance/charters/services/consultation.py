"""Charter services the consultation app calls: a charter's adoption vote can be
held as one of a consultation's motions."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from communities.models import Community
from governance.charters.models import AdoptionVote, CharterState, CharterVersion
from governance.charters.services.votes import record_adoption_vote


def charters_awaiting_vote(community: Community) -> list[tuple[int, str]]:
    """The community's charter versions that passed review and await their vote.

    (id, label) pairs for a choice field: consultation lets the committee hold a
    charter's adoption vote as one of its motions.
    """

    versions = CharterVersion.objects.filter(
        community=community, state=CharterState.REVIEW_PASSED
    ).order_by("title", "number", "pk")
    return [(v.pk, charter_version_label(v)) for v in versions]


def charter_version_label(version: Any) -> str:
    return _("%(title)s, version %(number)d") % {
        "title": version.title,
        "number": version.number,
    }


def charter_vote_summary(version_id: int) -> dict[str, Any] | None:
    """What consultation shows of a linked charter version: label, state, link."""

    version = (
        CharterVersion.objects.select_related("community").filter(pk=version_id).first()
    )
    if version is None:
        return None
    return {
        "label": charter_version_label(version),
        "state": version.state,
        "state_label": version.get_state_display(),
        "url": reverse(
            "governance:charter-version", args=[version.community.slug, version.pk]
        ),
    }


def record_charter_adoption_from_consultation(
    *,
    community: Community,
    version_id: int,
    electorate: int,
    attendance: int,
    women: int,
    votes_for: int,
    against: int,
    abstain: int,
    source_ref: str,
    held_on: datetime.date | None = None,
) -> dict[str, Any]:
    """Record a consultation vote as the charter version's adoption vote.

    Called by consultation when a motion linked to a charter version closes.
    Governance applies its own checks (the version must be awaiting its vote, the
    numbers must agree) and its own quorum and majority: a passing vote moves the
    version to "voted", a failing one leaves it at "review passed". `source_ref` is
    the consultation motion's site-relative URL, shown as a link on the version's
    meeting records. Raises ValidationError when governance refuses the record.
    """

    version = CharterVersion.objects.filter(pk=version_id, community=community).first()
    if version is None:
        raise ValidationError(
            _("The linked charter version no longer exists."), code="missing"
        )
    if len(source_ref) > AdoptionVote._meta.get_field("source_ref").max_length:
        source_ref = ""
    vote = record_adoption_vote(
        version,
        electorate=electorate,
        attendance=attendance,
        women=women,
        votes_for=votes_for,
        against=against,
        abstain=abstain,
        source=AdoptionVote.Source.CONSULTATION,
        source_ref=source_ref,
        held_on=held_on,
        actor=None,
    )
    version.refresh_from_db(fields=["state"])
    return {
        "vote": vote.pk,
        "quorate": vote.quorate,
        "passed": vote.passed,
        "state": version.state,
    }
