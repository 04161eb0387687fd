"""Charter steps after drafting: close opinions, submit, return, pass review,
confirm filing, publish.

Filing is due `CommunitySettings.charter_filing_days` (default 10) after the vote;
past that, the version is overdue on the oversight dashboards.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.charters.models import (
    CharterVersion,
)
from governance.charters.pages import CharterPage
from governance.charters.services.steps import (
    S,
    committee_of,
    lock_version,
    move_version,
    notify_step,
    street_officers_of,
    version_work_url,
)


# ---------------------------------------------------------------------------
# The lifecycle
# ---------------------------------------------------------------------------
@transaction.atomic
def close_opinions(*, actor: Any, version: CharterVersion) -> CharterVersion:
    return move_version(version, "close_opinions", actor=actor)


def _check_submittable(version: CharterVersion) -> None:
    clauses = list(version.clauses.all())
    if not clauses:
        raise ValidationError(_("A charter needs at least one clause."))
    pending = [c.number for c in clauses if c.needs_acknowledgement]
    if pending:
        raise ValidationError(
            _(
                "Clauses %(numbers)s impose fines or other coercive penalties. Revise "
                "them or acknowledge each with a reason before submitting."
            )
            % {"numbers": ", ".join(str(n) for n in pending)},
            code="penalties",
        )


@transaction.atomic
def submit_for_review(*, actor: Any, version: CharterVersion) -> CharterVersion:
    """Send the draft to the street/town; flagged clauses must be dealt with first."""
    version = move_version(
        version,
        "submit",
        actor=actor,
        check=_check_submittable,
        extra_fields={"return_reason": ""},
    )
    notify_step(
        street_officers_of(version.community),
        version,
        _("A charter of %(community)s awaits your review")
        % {"community": version.community.name},
        version_work_url(version),
    )
    return version


@transaction.atomic
def return_for_revision(
    *, actor: Any, version: CharterVersion, reason: str
) -> CharterVersion:
    """The street/town officer sends the draft back; the committee sees the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what must change.")})
    version = move_version(
        version,
        "return",
        actor=actor,
        reason=reason,
        extra_fields={"return_reason": reason},
    )
    notify_step(
        committee_of(version.community),
        version,
        _("The street/town returned a charter for revision"),
        version_work_url(version),
    )
    return version


@transaction.atomic
def pass_review(*, actor: Any, version: CharterVersion) -> CharterVersion:
    return move_version(version, "pass_review", actor=actor)


@transaction.atomic
def confirm_filing(*, actor: Any, version: CharterVersion) -> CharterVersion:
    """The street/town officer confirms the adopted charter is filed (备案)."""
    locked = lock_version(version)
    late = locked.filing_overdue
    return move_version(
        locked,
        "confirm_filing",
        actor=actor,
        data={"late": late},
        extra_fields={"filed_at": timezone.now(), "filed_by": actor},
    )


@transaction.atomic
def publish(
    *, actor: Any, version: CharterVersion, in_force_on: datetime.date
) -> CharterVersion:
    """Publish the filed version with its in-force date; the public page goes live
    (or shows the new version from that date). Earlier versions stay public."""

    def check(locked: CharterVersion) -> None:
        if in_force_on is None:
            raise ValidationError(
                {"in_force_on": _("Give the date it comes into force.")}
            )
        if locked.voted_on and in_force_on < locked.voted_on:
            raise ValidationError(
                {
                    "in_force_on": _(
                        "It cannot come into force before it was adopted (%(day)s)."
                    )
                    % {"day": locked.voted_on.isoformat()}
                }
            )
        earlier = (
            CharterVersion.objects.filter(
                charter_id=locked.charter_id, state=S.PUBLISHED
            )
            .order_by("-in_force_on")
            .values_list("in_force_on", flat=True)
            .first()
        )
        if earlier and in_force_on <= earlier:
            raise ValidationError(
                {
                    "in_force_on": _(
                        "It must come into force after the version before it (%(day)s)."
                    )
                    % {"day": earlier.isoformat()}
                }
            )

    version = move_version(
        version,
        "publish",
        actor=actor,
        check=check,
        data={"in_force_on": in_force_on.isoformat() if in_force_on else None},
        extra_fields={"in_force_on": in_force_on, "published_at": timezone.now()},
    )
    page = CharterPage.objects.get(pk=version.charter_id)
    if page.title != version.title or not page.live:
        page.title = version.title
        # The lifecycle decided who may publish (governance.publish_charter).
        page.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
    return version
