"""The adoption vote of a charter version.

The adoption vote: `record_adoption_vote(...)` validates a meeting record against
the community's quorum and majority (CommunitySettings.quorum_fraction and
majority_fraction: valid with MORE than that share of the electorate attending,
passed with MORE than that share of those present voting for). The consultation
app supplies its vote the same way, with `source="consultation"`, its own reference
in `source_ref` and `actor=None` (it has checked its own permissions):

    from governance.charters.services.votes import record_adoption_vote
    record_adoption_vote(charter, electorate=..., attendance=..., women=...,
                         votes_for=..., against=..., abstain=...,
                         source="consultation", source_ref=f"consultation:{vote.pk}",
                         held_on=meeting_day)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.models import Community
from governance.charters.models import (
    AdoptionVote,
    CharterVersion,
)
from governance.charters.pages import CharterPage
from governance.charters.services.steps import (
    TRANSITIONS,
    S,
    lock_version,
    move_version,
    require_permission,
    wrong_state_error,
)


@dataclass(frozen=True)
class VoteOutcome:
    quorate: bool
    passed: bool
    quorum_needed: int  # the least attendance that is MORE than the share
    majority_needed: int  # the fewest votes for that are MORE than the share


def _more_than(share: Decimal, total: int) -> int:
    """The smallest whole number strictly greater than share × total."""
    return int((Decimal(total) * share).to_integral_value(rounding="ROUND_FLOOR")) + 1


def assess_vote(
    community: Community,
    *,
    electorate: int,
    attendance: int,
    women: int,
    votes_for: int,
    against: int,
    abstain: int,
) -> VoteOutcome:
    """Check a meeting record's numbers, then quorum and majority (no writes).

    Raises ValidationError when the numbers contradict each other.
    """
    numbers = {
        "electorate": electorate,
        "attendance": attendance,
        "women": women,
        "votes_for": votes_for,
        "against": against,
        "abstain": abstain,
    }
    errors: dict[str, str] = {}
    for field, value in numbers.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[field] = _("Enter a whole number, zero or more.")
    if errors:
        raise ValidationError(errors)
    if electorate < 1:
        errors["electorate"] = _("The electorate must be at least one person.")
    if attendance > electorate:
        errors["attendance"] = _(
            "More people attended (%(attendance)d) than are entitled to vote "
            "(%(electorate)d)."
        ) % {"attendance": attendance, "electorate": electorate}
    if women > attendance:
        errors["women"] = _(
            "More women attended (%(women)d) than people attended (%(attendance)d)."
        ) % {"women": women, "attendance": attendance}
    if votes_for + against + abstain > attendance:
        errors["votes_for"] = _(
            "For, against and abstaining add up to %(total)d, more than the "
            "%(attendance)d people attending."
        ) % {"total": votes_for + against + abstain, "attendance": attendance}
    if errors:
        raise ValidationError(errors)
    policy = community.policy
    quorum_needed = _more_than(Decimal(policy.quorum_fraction), electorate)
    majority_needed = _more_than(Decimal(policy.majority_fraction), attendance)
    quorate = attendance >= quorum_needed
    return VoteOutcome(
        quorate=quorate,
        passed=quorate and votes_for >= majority_needed,
        quorum_needed=quorum_needed,
        majority_needed=majority_needed,
    )


@transaction.atomic
def record_adoption_vote(
    charter: CharterPage | CharterVersion,
    *,
    electorate: int,
    attendance: int,
    women: int,
    votes_for: int,
    against: int,
    abstain: int,
    source: str = AdoptionVote.Source.MEETING,
    source_ref: str = "",
    held_on: datetime.date | None = None,
    actor: Any | None = None,
) -> AdoptionVote:
    """Record the vote on the charter's version that passed review.

    `charter` is the charter page (its version on its way is used) or the version.
    Every record is kept. A valid, passing vote moves the version to "voted" and
    sets the filing due date; a vote without quorum or majority leaves it at
    "review passed" (another meeting may vote). Inconsistent numbers are refused
    with a ValidationError naming the field, and nothing is saved.

    `actor` is the committee member typing in the meeting record; the consultation
    app passes None (it has checked its own permissions) and names its vote in
    `source_ref`.
    """
    if isinstance(charter, CharterPage):
        version = charter.versions.exclude(state=S.PUBLISHED).first()
        if version is None:
            raise ValidationError(
                _("This charter has no version waiting for a vote."),
                code="wrong_state",
            )
    else:
        version = charter
    version = lock_version(version)
    transition = TRANSITIONS["adopt"]
    if version.state != transition.source:
        raise wrong_state_error(version, transition)
    if actor is not None:
        require_permission(actor.has_perm(transition.permission, version))
    if source not in AdoptionVote.Source.values:
        raise ValidationError({"source": _("Unknown source of the vote.")})
    held_on = held_on or timezone.localdate()
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The meeting cannot be in the future.")})
    outcome = assess_vote(
        version.community,
        electorate=electorate,
        attendance=attendance,
        women=women,
        votes_for=votes_for,
        against=against,
        abstain=abstain,
    )
    vote = AdoptionVote.objects.create(
        version=version,
        held_on=held_on,
        electorate=electorate,
        attendance=attendance,
        women=women,
        votes_for=votes_for,
        against=against,
        abstain=abstain,
        quorate=outcome.quorate,
        passed=outcome.passed,
        source=source,
        source_ref=source_ref,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    data = {
        "vote": vote.pk,
        "electorate": electorate,
        "attendance": attendance,
        "women": women,
        "for": votes_for,
        "against": against,
        "abstain": abstain,
        "quorate": outcome.quorate,
        "passed": outcome.passed,
        "source": source,
    }
    if not outcome.passed:
        record(
            actor=actor,
            action="governance.charter.vote_failed",
            target=version,
            community=version.community,
            data=data,
        )
        return vote
    days = version.community.policy.charter_filing_days
    move_version(
        version,
        "adopt",
        actor=actor,
        permission_checked=True,
        data=data,
        extra_fields={
            "voted_on": held_on,
            "filing_due_on": held_on + datetime.timedelta(days=days),
        },
    )
    return vote
