"""The charter lifecycle's state machine and the helpers every charter write shares.

The lifecycle of a version (DESIGN.md "Charters and conventions"):

    collecting ──close_opinions──▶ draft ──submit──▶ submitted ──pass_review──▶
    review_passed ──adopt (a valid, passing vote)──▶ voted ──confirm_filing──▶
    filed ──publish──▶ published
                                  submitted ──return (with a reason)──▶ draft

`TRANSITIONS` is the whole table: no other move exists, so no step can be skipped
or repeated. Each move locks the version row, checks the state (a wrong move is a
ValidationError that says which step the version is at and what comes next), then
the actor's permission (governance/charters/rules.py), records a `CharterTransition`
(who, when, why) and an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from communities.models import Community, Role
from communities.selectors import committee_members, role_holders
from governance.charters.models import (
    CharterState,
    CharterTransition,
    CharterVersion,
)
from notifications.services import notify

S = CharterState
KIND_CHARTER_STEP = "governance.charter_step"
RESERVED_CHARTER_SLUGS = {"work", "opinions"}


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    permission: str
    label: Any  # lazy text: what the step is called


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "close_opinions",
            S.COLLECTING,
            S.DRAFT,
            "governance.close_charter_opinions",
            gettext_lazy("close the opinions and make it a draft"),
        ),
        Transition(
            "submit",
            S.DRAFT,
            S.SUBMITTED,
            "governance.submit_charter",
            gettext_lazy("submit it for street/town review"),
        ),
        Transition(
            "return",
            S.SUBMITTED,
            S.DRAFT,
            "governance.review_charter",
            gettext_lazy("return it for revision"),
        ),
        Transition(
            "pass_review",
            S.SUBMITTED,
            S.REVIEW_PASSED,
            "governance.review_charter",
            gettext_lazy("pass the review"),
        ),
        Transition(
            "adopt",
            S.REVIEW_PASSED,
            S.VOTED,
            "governance.record_charter_vote",
            gettext_lazy("record the adoption vote"),
        ),
        Transition(
            "confirm_filing",
            S.VOTED,
            S.FILED,
            "governance.confirm_charter_filing",
            gettext_lazy("confirm the filing"),
        ),
        Transition(
            "publish",
            S.FILED,
            S.PUBLISHED,
            "governance.publish_charter",
            gettext_lazy("publish it"),
        ),
    ]
}
# What comes next from each state, for the error message.
NEXT_STEP = {
    S.COLLECTING: TRANSITIONS["close_opinions"].label,
    S.DRAFT: TRANSITIONS["submit"].label,
    S.SUBMITTED: gettext_lazy("the street/town officer passes or returns it"),
    S.REVIEW_PASSED: TRANSITIONS["adopt"].label,
    S.VOTED: gettext_lazy("the street/town officer confirms the filing"),
    S.FILED: TRANSITIONS["publish"].label,
    S.PUBLISHED: gettext_lazy("start a revision"),
}


def require_permission(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


def lock_version(version: CharterVersion) -> CharterVersion:
    return (
        CharterVersion.objects.select_for_update()
        .select_related("community", "charter")
        .get(pk=version.pk)
    )


def wrong_state_error(
    version: CharterVersion, transition: Transition
) -> ValidationError:
    return ValidationError(
        _(
            "You cannot %(action)s: this version is at the step “%(state)s”. "
            "Next: %(next)s."
        )
        % {
            "action": transition.label,
            "state": CharterState(version.state).label,
            "next": NEXT_STEP[version.state],
        },
        code="wrong_state",
    )


def move_version(
    version: CharterVersion,
    action: str,
    *,
    actor: Any | None,
    reason: str = "",
    data: dict | None = None,
    check=None,
    extra_fields: dict | None = None,
    permission_checked: bool = False,
) -> CharterVersion:
    """Lock, check state then permission, run `check`, move, record, audit."""
    transition = TRANSITIONS[action]
    version = lock_version(version)
    if version.state != transition.source:
        raise wrong_state_error(version, transition)
    if actor is not None and not permission_checked:
        require_permission(actor.has_perm(transition.permission, version))
    if check is not None:
        check(version)
    version.state = transition.target
    for field, value in (extra_fields or {}).items():
        setattr(version, field, value)
    version.save()
    CharterTransition.objects.create(
        version=version,
        action=action,
        from_state=transition.source,
        to_state=transition.target,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )
    record(
        actor=actor,
        action=f"governance.charter.{action}",
        target=version,
        community=version.community,
        data={
            "charter": version.charter_id,
            "version": version.number,
            "from": transition.source,
            "to": transition.target,
            **({"reason": reason} if reason else {}),
            **(data or {}),
        },
    )
    return version


def notify_step(recipients, version: CharterVersion, title: str, url: str) -> None:
    """Notify people of a step (their notification preferences apply)."""

    if recipients:
        notify(
            recipients=list(recipients),
            kind=KIND_CHARTER_STEP,
            title=title,
            body=version.title,
            url=url,
        )


def version_work_url(version: CharterVersion) -> str:
    return reverse(
        "governance:charter-version", args=[version.community.slug, version.pk]
    )


def committee_of(community: Community):
    return committee_members(community)


def street_officers_of(community: Community):
    return role_holders(roles=[Role.STREET_OFFICER], region=community.street_id)
