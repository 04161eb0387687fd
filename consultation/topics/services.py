"""The state machine of a consultation and the topic writes: suggestions, supports
and petitions, opening a topic, accepting or declining it, each step after that
(one at a time along `TRANSITIONS`, logged and audited), and the overdue reminder.
"""

from __future__ import annotations

import math
from contextlib import nullcontext
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.models import Community, Membership
from communities.rules import is_verified_resident
from communities.selectors import committee_members
from consultation.meetings.models import Participant
from consultation.topics.models import (
    TRANSITIONS,
    Consultation,
    ConsultationEvent,
    State,
    Suggestion,
    Support,
)
from consultation.topics.rules import manages_consultations
from consultation.topics.selectors import support_counts
from notifications.services import notify


def _refuse(message: str, field: str | None = None) -> ValidationError:
    return ValidationError({field: message} if field else message)


def _consultation_url(consultation: Consultation) -> str:
    return reverse(
        "consultation:detail", args=[consultation.community.slug, consultation.pk]
    )


# ---------------------------------------------------------------------------
# The state machine
# ---------------------------------------------------------------------------
@transaction.atomic
def transition(
    *, actor: Any, consultation: Consultation, to_state: str, note: str = ""
) -> Consultation:
    """Move a consultation one step along `TRANSITIONS`, logged and audited.

    Refuses a step that is not the next one (no skipping) and a state already
    entered (no repeating; also guarded by a unique constraint on the log).
    """
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if to_state not in TRANSITIONS[locked.state]:
        raise _refuse(
            _("A consultation that is %(state)s cannot move to %(to)s.")
            % {
                "state": State(locked.state).label,
                "to": State(to_state).label,
            }
        )
    now = timezone.now()
    from_state = locked.state
    locked.state = to_state
    locked.state_changed_at = now
    locked.save(update_fields=["state", "state_changed_at"])
    ConsultationEvent.objects.create(
        consultation=locked,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        at=now,
        note=note,
    )
    record(
        actor=actor,
        action=f"consultation.{to_state}",
        target=locked,
        community=locked.community,
        data={"from": from_state, "note": note[:500]},
    )
    consultation.state = locked.state
    consultation.state_changed_at = now
    return consultation


def require_committee(actor: Any, community: Community) -> None:

    if not manages_consultations(actor, community):
        raise _refuse(_("Only the community's committee may do this."))


def _start(
    *,
    actor: Any,
    community: Community,
    title: str,
    description: str,
    origin: str,
    suggestion: Suggestion | None = None,
    decision_due_at=None,
) -> Consultation:
    now = timezone.now()
    consultation = Consultation.objects.create(
        community=community,
        title=title,
        description=description,
        origin=origin,
        suggestion=suggestion,
        proposed_by=actor,
        created_at=now,
        state_changed_at=now,
        decision_due_at=decision_due_at,
    )
    ConsultationEvent.objects.create(
        consultation=consultation,
        from_state="",
        to_state=State.PROPOSED,
        actor=actor,
        at=now,
    )
    record(
        actor=actor,
        action="consultation.proposed",
        target=consultation,
        community=community,
        data={"origin": origin},
    )
    return consultation


# ---------------------------------------------------------------------------
# Topics
# ---------------------------------------------------------------------------
@transaction.atomic
def open_topic(
    *, actor: Any, community: Community, title: str, description: str
) -> Consultation:
    """A committee member proposes a topic; it starts as proposed."""
    require_committee(actor, community)
    return _start(
        actor=actor,
        community=community,
        title=title,
        description=description,
        origin=Consultation.Origin.COMMITTEE,
    )


def petition_threshold(community: Community) -> int:
    """Supporters a suggestion needs: the share of verified adult residents, rounded up."""
    adults = (
        Membership.objects.verified().filter(community=community, is_adult=True).count()
    )
    return _threshold(community, adults)


def _threshold(community: Community, adults: int) -> int:
    fraction = community.policy.petition_threshold_fraction
    return max(1, math.ceil(adults * fraction))


@transaction.atomic
def post_suggestion(
    *, author: Any, community: Community, title: str, description: str
) -> Suggestion:
    """A verified resident suggests a topic; their own support is counted."""
    if not is_verified_resident(author, community):
        raise _refuse(_("Only verified residents of the community may suggest topics."))
    suggestion = Suggestion.objects.create(
        community=community, author=author, title=title, description=description
    )
    Support.objects.create(suggestion=suggestion, user=author)
    _promote_if_enough(suggestion)
    return suggestion


def support(*, user: Any, suggestion: Suggestion) -> Support:
    """Add a verified resident's support (once); may turn the suggestion into a topic.

    The support is one INSERT, committed on its own, and nothing is locked: the
    count that decides promotion is read after that commit. Of any two supports
    made at the same time, the one that commits last therefore counts the other's
    too, so the support that reaches the threshold always sees it. Only then is the
    suggestion's row locked, and `_promote_if_enough` counts again under the lock,
    so it is promoted once.
    """
    if not is_verified_resident(user, suggestion.community):
        raise _refuse(
            _("Only verified residents of the community may support suggestions.")
        )
    if suggestion.status != Suggestion.Status.OPEN:
        raise _refuse(_("This suggestion no longer collects support."))
    # Inside a caller's transaction a savepoint, so a refused row does not break
    # it (the count below then sees the caller's uncommitted rows: the reasoning
    # above holds for supports made on their own, as the view makes them).
    in_caller = transaction.get_connection().in_atomic_block
    try:
        with transaction.atomic() if in_caller else nullcontext():
            created = Support.objects.create(suggestion=suggestion, user=user)
    except IntegrityError:
        raise _refuse(_("You already support this suggestion.")) from None
    supporters, adults = support_counts(suggestion)
    threshold = _threshold(suggestion.community, adults)
    if supporters >= threshold:
        with transaction.atomic():
            _promote_if_enough(suggestion, threshold)
    return created


def _promote_if_enough(
    suggestion: Suggestion, threshold: int | None = None
) -> Consultation | None:
    """Turn the suggestion into a petition topic once supporters reach the threshold."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != Suggestion.Status.OPEN:
        return None
    if threshold is None:
        threshold = petition_threshold(suggestion.community)
    if locked.supports.count() < threshold:
        return None
    community = locked.community
    now = timezone.now()
    locked.status = Suggestion.Status.PROMOTED
    locked.promoted_at = now
    locked.save(update_fields=["status", "promoted_at"])
    suggestion.status = locked.status
    suggestion.promoted_at = now
    consultation = _start(
        actor=locked.author,
        community=community,
        title=locked.title,
        description=locked.description,
        origin=Consultation.Origin.PETITION,
        suggestion=locked,
        decision_due_at=now + timedelta(days=community.policy.topic_decision_days),
    )
    url = _consultation_url(consultation)
    notify(
        recipients=committee_members(community),
        kind="consultation.petition_topic",
        title=_("A resident petition became a topic: %(title)s")
        % {"title": locked.title},
        body=_("Accept or decline it, with a public reason, by %(due)s.")
        % {
            "due": timezone.localtime(consultation.decision_due_at).strftime("%Y-%m-%d")
        },
        url=url,
    )
    supporters = [s.user for s in locked.supports.select_related("user")]
    notify(
        recipients=supporters,
        kind="consultation.suggestion_promoted",
        title=_("The suggestion you support became a topic: %(title)s")
        % {"title": locked.title},
        url=url,
    )
    return consultation


@transaction.atomic
def accept(*, actor: Any, consultation: Consultation, reason: str = "") -> Consultation:
    """The committee accepts a proposed topic (a petition topic needs a public reason)."""
    require_committee(actor, consultation.community)
    reason = reason.strip()
    if consultation.origin == Consultation.Origin.PETITION and not reason:
        raise _refuse(_("Give the public reason for the decision."), "reason")
    transition(
        actor=actor, consultation=consultation, to_state=State.ACCEPTED, note=reason
    )
    _save_decision_reason(consultation, reason)
    return consultation


@transaction.atomic
def decline(*, actor: Any, consultation: Consultation, reason: str) -> Consultation:
    """The committee declines a proposed topic with a public reason."""
    require_committee(actor, consultation.community)
    reason = reason.strip()
    if not reason:
        raise _refuse(_("Give the public reason for the decision."), "reason")
    transition(
        actor=actor, consultation=consultation, to_state=State.DECLINED, note=reason
    )
    _save_decision_reason(consultation, reason)
    if consultation.suggestion_id:
        supporters = [
            s.user for s in consultation.suggestion.supports.select_related("user")
        ]
        notify(
            recipients=supporters,
            kind="consultation.topic_declined",
            title=_("A topic you support was declined: %(title)s")
            % {"title": consultation.title},
            body=reason,
            url=_consultation_url(consultation),
        )
    return consultation


def _save_decision_reason(consultation: Consultation, reason: str) -> None:
    consultation.decision_reason = reason
    Consultation.objects.filter(pk=consultation.pk).update(decision_reason=reason)


@transaction.atomic
def set_participants(*, actor: Any, consultation: Consultation) -> Consultation:
    """Confirm the participants: a meeting must have at least one affected party."""
    require_committee(actor, consultation.community)
    if not Participant.objects.filter(
        meeting__consultation=consultation,
        kind=Participant.Kind.AFFECTED,
    ).exists():
        raise _refuse(
            _(
                "Invite at least one affected party to a meeting of this "
                "consultation first."
            )
        )
    return transition(
        actor=actor, consultation=consultation, to_state=State.PARTICIPANTS_SET
    )


@transaction.atomic
def start_implementation(
    *, actor: Any, consultation: Consultation, note: str = ""
) -> Consultation:
    require_committee(actor, consultation.community)
    return transition(
        actor=actor,
        consultation=consultation,
        to_state=State.IMPLEMENTING,
        note=note.strip(),
    )


@transaction.atomic
def publish_feedback(
    *, actor: Any, consultation: Consultation, feedback: str
) -> Consultation:
    """Publish how the opinion was carried out (反馈落实情况)."""
    require_committee(actor, consultation.community)
    feedback = feedback.strip()
    if not feedback:
        raise _refuse(_("Write the feedback on what was done."), "feedback")
    transition(
        actor=actor,
        consultation=consultation,
        to_state=State.FEEDBACK_PUBLISHED,
        note=feedback,
    )
    consultation.feedback = feedback
    Consultation.objects.filter(pk=consultation.pk).update(feedback=feedback)
    notify(
        recipients=_consultation_people(consultation),
        kind="consultation.feedback_published",
        title=_("Feedback published: %(title)s") % {"title": consultation.title},
        body=feedback[:500],
        url=_consultation_url(consultation),
    )
    return consultation


@transaction.atomic
def close(*, actor: Any, consultation: Consultation, note: str = "") -> Consultation:
    require_committee(actor, consultation.community)
    return transition(
        actor=actor, consultation=consultation, to_state=State.CLOSED, note=note.strip()
    )


def _consultation_people(consultation: Consultation) -> list[Any]:
    """Supporters of its suggestion and meeting participants with an account."""
    people: dict[int, Any] = {}
    if consultation.suggestion_id:
        for s in Support.objects.filter(
            suggestion_id=consultation.suggestion_id
        ).select_related("user"):
            people[s.user_id] = s.user
    for p in Participant.objects.filter(
        meeting__consultation=consultation, user__isnull=False
    ).select_related("user"):
        people[p.user_id] = p.user
    return list(people.values())


def notify_overdue_decisions(now=None) -> int:
    """Tell the committee (once) about petition topics past their decision date."""
    now = now or timezone.now()
    count = 0
    overdue = Consultation.objects.decision_overdue(now).filter(
        overdue_notified_at__isnull=True
    )
    for consultation in overdue.select_related("community"):
        with transaction.atomic():
            claimed = Consultation.objects.filter(
                pk=consultation.pk, overdue_notified_at__isnull=True
            ).update(overdue_notified_at=now)
            if not claimed:
                continue
            notify(
                recipients=committee_members(consultation.community),
                kind="consultation.decision_overdue",
                title=_("Overdue: decide on the topic %(title)s")
                % {"title": consultation.title},
                body=_(
                    "Residents' petition topics must be accepted or declined in time."
                ),
                url=_consultation_url(consultation),
            )
            count += 1
    return count
