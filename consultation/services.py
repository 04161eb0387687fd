"""Every write of the consultation app: topics, suggestions, meetings, votes.

Each function checks the rule it enforces (whoever calls it), writes inside one
transaction and records an audit row for privileged actions. A consultation moves
only along `models.TRANSITIONS` through `transition`, which locks the row, refuses a
skipped or repeated step and logs a `ConsultationEvent`.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.models import Community, Membership, Role, RoleGrant
from communities.rules import is_verified_resident
from consultation.models import (
    CHAIN,
    TRANSITIONS,
    AgendaItem,
    Ballot,
    BallotChoice,
    Consultation,
    ConsultationEvent,
    Elector,
    Meeting,
    Motion,
    Option,
    PaperCount,
    PaperTally,
    Participant,
    Proxy,
    State,
    Suggestion,
    Support,
)
from notifications.services import notify


def _refuse(message: str, field: str | None = None) -> ValidationError:
    return ValidationError({field: message} if field else message)


def _consultation_url(consultation: Consultation) -> str:
    return reverse(
        "consultation:detail", args=[consultation.community.slug, consultation.pk]
    )


def _meeting_url(meeting: Meeting) -> str:
    return reverse("consultation:meeting", args=[meeting.community.slug, meeting.pk])


def committee_members(community: Community) -> list[Any]:
    """People holding a committee grant in force for the community."""
    grants = (
        RoleGrant.objects.active()
        .filter(community=community, role=Role.COMMITTEE)
        .select_related("user")
    )
    return list({g.user_id: g.user for g in grants}.values())


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


def _require_committee(actor: Any, community: Community) -> None:
    from consultation.rules import manages_consultations

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
    _require_committee(actor, community)
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
    """Add a verified resident's support (once); may turn the suggestion into a topic."""
    if not is_verified_resident(user, suggestion.community):
        raise _refuse(
            _("Only verified residents of the community may support suggestions.")
        )
    if suggestion.status != Suggestion.Status.OPEN:
        raise _refuse(_("This suggestion no longer collects support."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                created = Support.objects.create(suggestion=suggestion, user=user)
        except IntegrityError:
            raise _refuse(_("You already support this suggestion.")) from None
        _promote_if_enough(suggestion)
    return created


def _promote_if_enough(suggestion: Suggestion) -> Consultation | None:
    """Turn the suggestion into a petition topic once supporters reach the threshold."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != Suggestion.Status.OPEN:
        return None
    community = locked.community
    if locked.supports.count() < petition_threshold(community):
        return None
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
    _require_committee(actor, consultation.community)
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
    _require_committee(actor, consultation.community)
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
    _require_committee(actor, consultation.community)
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
def record_opinion(
    *, actor: Any, consultation: Consultation, opinion: str
) -> Consultation:
    """Record the consultation's opinion (协商意见) after the meeting was held."""
    _require_committee(actor, consultation.community)
    opinion = opinion.strip()
    if not opinion:
        raise _refuse(_("Write the opinion the consultation reached."), "opinion")
    transition(
        actor=actor,
        consultation=consultation,
        to_state=State.OPINION_RECORDED,
        note=opinion,
    )
    consultation.opinion = opinion
    Consultation.objects.filter(pk=consultation.pk).update(opinion=opinion)
    return consultation


@transaction.atomic
def start_implementation(
    *, actor: Any, consultation: Consultation, note: str = ""
) -> Consultation:
    _require_committee(actor, consultation.community)
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
    _require_committee(actor, consultation.community)
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
    _require_committee(actor, consultation.community)
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


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------
MEETING_STATES = (
    State.ACCEPTED,
    State.PARTICIPANTS_SET,
    State.NOTICE_PUBLISHED,
    State.HELD,
    State.OPINION_RECORDED,
)


@transaction.atomic
def schedule_meeting(
    *,
    actor: Any,
    consultation: Consultation,
    title: str,
    form: str,
    starts_at,
    ends_at,
    mode: str = Meeting.Mode.IN_PERSON,
    place: str = "",
    online_url: str = "",
    description: str = "",
    registration_open: bool = False,
    capacity: int | None = None,
    is_emergency: bool = False,
    emergency_reason: str = "",
) -> Meeting:
    """Schedule a meeting of an accepted consultation (its notice comes later)."""
    _require_committee(actor, consultation.community)
    if consultation.state not in MEETING_STATES:
        raise _refuse(_("Meetings are scheduled for accepted consultations."))
    errors: dict[str, str] = {}
    if ends_at <= starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    if starts_at <= timezone.now():
        errors["starts_at"] = _("The meeting must start in the future.")
    if mode in (Meeting.Mode.IN_PERSON, Meeting.Mode.BOTH) and not place.strip():
        errors["place"] = _("Give the place of an in-person meeting.")
    if mode in (Meeting.Mode.ONLINE, Meeting.Mode.BOTH) and not online_url:
        errors["online_url"] = _("Give the link of an online meeting.")
    if is_emergency and not emergency_reason.strip():
        errors["emergency_reason"] = _("Record why the meeting is an emergency.")
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        consultation=consultation,
        community=consultation.community,
        title=title,
        form=form,
        mode=mode,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        online_url=online_url,
        description=description,
        registration_open=registration_open,
        capacity=capacity,
        is_emergency=is_emergency,
        emergency_reason=emergency_reason.strip() if is_emergency else "",
        created_by=actor,
    )
    record(
        actor=actor,
        action="consultation.meeting_scheduled",
        target=meeting,
        community=meeting.community,
        data={"form": form, "emergency": is_emergency},
    )
    return meeting


def notice_days_required(meeting: Meeting) -> int:
    """Days of notice: the assembly figure for a 居民会议/村民会议, else the meeting one."""
    policy = meeting.community.policy
    if meeting.is_assembly:
        return policy.assembly_notice_days
    return policy.meeting_notice_days


@transaction.atomic
def publish_notice(*, actor: Any, meeting: Meeting) -> Meeting:
    """Publish the meeting notice in time (or with a recorded emergency reason).

    The first notice moves the consultation from participants set to notice
    published. Residents and invited participants are told.
    """
    _require_committee(actor, meeting.community)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.notice_published_at is not None:
        raise _refuse(_("The notice of this meeting is already published."))
    if locked.cancelled_at is not None:
        raise _refuse(_("This meeting was cancelled."))
    consultation = locked.consultation
    if CHAIN.index(consultation.state) < CHAIN.index(State.PARTICIPANTS_SET):
        raise _refuse(_("Set the participants before publishing the notice."))
    now = timezone.now()
    days = notice_days_required(locked)
    if locked.starts_at - now < timedelta(days=days) and not locked.is_emergency:
        raise _refuse(
            _(
                "The notice must go out at least %(days)s days before the meeting. "
                "Move the meeting, or mark it as an emergency with a reason."
            )
            % {"days": days}
        )
    if locked.starts_at <= now:
        raise _refuse(_("The meeting has already started."))
    locked.notice_published_at = now
    locked.notice_published_by = actor
    locked.save(update_fields=["notice_published_at", "notice_published_by"])
    meeting.notice_published_at = now
    meeting.notice_published_by = actor
    record(
        actor=actor,
        action="consultation.notice_published",
        target=locked,
        community=locked.community,
        data={
            "days_before": (locked.starts_at - now).days,
            "emergency_reason": locked.emergency_reason,
        },
    )
    if consultation.state == State.PARTICIPANTS_SET:
        transition(
            actor=actor,
            consultation=consultation,
            to_state=State.NOTICE_PUBLISHED,
            note=locked.title,
        )
    residents = [
        m.user
        for m in Membership.objects.verified()
        .filter(community=locked.community)
        .select_related("user")
    ]
    invited = [
        p.user
        for p in locked.participants.filter(user__isnull=False).select_related("user")
    ]
    notify(
        recipients=residents + invited,
        kind="consultation.meeting_notice",
        title=_("Meeting notice: %(title)s") % {"title": locked.title},
        body=_("Time: %(when)s. Place: %(place)s.")
        % {
            "when": timezone.localtime(locked.starts_at).strftime("%Y-%m-%d %H:%M"),
            "place": locked.place or locked.get_mode_display(),
        },
        url=_meeting_url(locked),
    )
    return meeting


@transaction.atomic
def mark_held(*, actor: Any, meeting: Meeting) -> Meeting:
    """Record that the meeting took place; the consultation moves to held."""
    _require_committee(actor, meeting.community)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.notice_published_at is None:
        raise _refuse(_("A meeting without a published notice cannot be held."))
    if locked.held_at is not None:
        raise _refuse(_("This meeting is already recorded as held."))
    now = timezone.now()
    if now < locked.starts_at:
        raise _refuse(_("The meeting has not started yet."))
    locked.held_at = now
    locked.save(update_fields=["held_at"])
    meeting.held_at = now
    record(
        actor=actor,
        action="consultation.meeting_held",
        target=locked,
        community=locked.community,
    )
    if locked.consultation.state == State.NOTICE_PUBLISHED:
        transition(
            actor=actor,
            consultation=locked.consultation,
            to_state=State.HELD,
            note=locked.title,
        )
    return meeting


@transaction.atomic
def add_agenda_item(
    *, actor: Any, meeting: Meeting, title: str, description: str = ""
) -> AgendaItem:
    _require_committee(actor, meeting.community)
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    last = meeting.agenda_items.order_by("-position").first()
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=(last.position + 1) if last else 1,
        title=title,
        description=description,
    )
    record(
        actor=actor,
        action="consultation.agenda_item_added",
        target=item,
        community=meeting.community,
    )
    return item


@transaction.atomic
def invite_participant(
    *,
    actor: Any,
    meeting: Meeting,
    kind: str,
    user: Any | None = None,
    name: str = "",
) -> Participant:
    """Invite a participant by kind (a person with an account, or a named party)."""
    _require_committee(actor, meeting.community)
    name = name.strip()
    if user is None and not name:
        raise _refuse(_("Choose a person or give a name."))
    if user is not None and meeting.participants.filter(user=user).exists():
        raise _refuse(_("This person already takes part in the meeting."))
    participant = Participant.objects.create(
        meeting=meeting,
        user=user,
        name=name,
        kind=kind,
        how=Participant.How.INVITED,
        invited_by=actor,
    )
    record(
        actor=actor,
        action="consultation.participant_invited",
        target=participant,
        community=meeting.community,
        data={"kind": kind},
    )
    if user is not None:
        notify(
            recipients=[user],
            kind="consultation.invited",
            title=_("You are invited to %(title)s") % {"title": meeting.title},
            url=_meeting_url(meeting),
        )
    return participant


def places_left(meeting: Meeting) -> int | None:
    if meeting.capacity is None:
        return None
    taken = meeting.participants.filter(how=Participant.How.REGISTERED).count()
    return max(0, meeting.capacity - taken)


def register(*, user: Any, meeting: Meeting) -> Participant:
    """A verified resident takes a place at a meeting with open registration.

    The meeting row is locked while the places are counted, so the capacity holds
    however many people register at once; a person registers once (unique).
    """
    try:
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if not is_verified_resident(user, locked.community):
                raise _refuse(
                    _("Only verified residents of the community may register.")
                )
            if not locked.registration_open or locked.notice_published_at is None:
                raise _refuse(_("Registration for this meeting is not open."))
            if locked.cancelled_at is not None or locked.starts_at <= timezone.now():
                raise _refuse(_("Registration for this meeting has closed."))
            if locked.participants.filter(user=user).exists():
                raise _refuse(_("You already take part in this meeting."))
            left = places_left(locked)
            if left is not None and left <= 0:
                raise _refuse(_("The meeting is full."))
            return Participant.objects.create(
                meeting=locked,
                user=user,
                kind=Participant.Kind.RESIDENT,
                how=Participant.How.REGISTERED,
            )
    except IntegrityError:
        raise _refuse(_("You already take part in this meeting.")) from None


@transaction.atomic
def cancel_registration(*, user: Any, meeting: Meeting) -> None:
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    deleted, _rows = Participant.objects.filter(
        meeting=meeting,
        user=user,
        how=Participant.How.REGISTERED,
        checked_in_at__isnull=True,
    ).delete()
    if not deleted:
        raise _refuse(_("You have no registration to cancel."))


@transaction.atomic
def check_in(*, actor: Any, participant: Participant) -> Participant:
    """Record that a participant is present (they then vote on paper, not online)."""
    meeting = participant.meeting
    _require_committee(actor, meeting.community)
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if locked.checked_in_at is not None:
        raise _refuse(_("Already checked in."))
    locked.checked_in_at = timezone.now()
    locked.checked_in_by = actor
    locked.save(update_fields=["checked_in_at", "checked_in_by"])
    participant.checked_in_at = locked.checked_in_at
    participant.checked_in_by = actor
    record(
        actor=actor,
        action="consultation.checked_in",
        target=locked,
        community=meeting.community,
    )
    return participant


# ---------------------------------------------------------------------------
# Motions and votes
# ---------------------------------------------------------------------------
@transaction.atomic
def create_motion(
    *,
    actor: Any,
    agenda_item: AgendaItem,
    title: str,
    method: str = Motion.Method.YES_NO,
    options: list[str] | None = None,
    max_choices: int = 1,
    electorate: str = Motion.Electorate.RESIDENTS,
    is_secret: bool = False,
    hide_results: bool = False,
    description: str = "",
    charter_version_id: int | None = None,
) -> Motion:
    """Put a motion on an agenda item. For/against/abstain gets its three options.

    `charter_version_id` makes the motion a charter's adoption vote: it must be a
    for/against/abstain motion on a version of this community's charter that
    passed review and awaits its vote (governance.services.charters_awaiting_vote).
    """
    community = agenda_item.meeting.community
    _require_committee(actor, community)
    if charter_version_id is not None:
        from governance.charters.services.consultation import charters_awaiting_vote

        if method != Motion.Method.YES_NO:
            raise _refuse(
                _("A charter's adoption vote is a for / against / abstain motion."),
                "method",
            )
        if charter_version_id not in dict(charters_awaiting_vote(community)):
            raise _refuse(
                _("This charter version is not awaiting its adoption vote."),
                "charter_version",
            )
    labels = [o.strip() for o in options or [] if o.strip()]
    if method == Motion.Method.YES_NO:
        max_choices = 1
    else:
        if len(labels) < 2:
            raise _refuse(_("Give at least two options."), "options")
        if len(set(labels)) != len(labels):
            raise _refuse(_("Each option must be different."), "options")
        if method == Motion.Method.SINGLE:
            max_choices = 1
        elif not 1 <= max_choices <= len(labels):
            raise _refuse(
                _("The most choices must be between 1 and the number of options."),
                "max_choices",
            )
    motion = Motion.objects.create(
        agenda_item=agenda_item,
        community=community,
        title=title,
        description=description,
        method=method,
        max_choices=max_choices,
        electorate=electorate,
        is_secret=is_secret,
        hide_results=hide_results,
        charter_version_id=charter_version_id,
    )
    if method == Motion.Method.YES_NO:
        Option.objects.bulk_create(
            Option(motion=motion, position=i, label=code.label, code=code.value)
            for i, code in enumerate(Option.Code, start=1)
        )
    else:
        Option.objects.bulk_create(
            Option(motion=motion, position=i, label=label)
            for i, label in enumerate(labels, start=1)
        )
    record(
        actor=actor,
        action="consultation.motion_created",
        target=motion,
        community=community,
        data={
            "method": method,
            "secret": is_secret,
            "electorate": electorate,
            "charter_version": charter_version_id,
        },
    )
    return motion


def _snapshot_electorate(motion: Motion) -> int:
    community = motion.community
    if motion.electorate == Motion.Electorate.HOUSEHOLDS:
        verified = Membership.objects.verified().filter(community=community)
        household_ids = set(verified.values_list("household_id", flat=True))
        representatives = dict(
            verified.filter(is_representative=True).values_list(
                "household_id", "user_id"
            )
        )
        rows = [
            Elector(motion=motion, household_id=h, user_id=representatives.get(h))
            for h in sorted(household_ids)
        ]
    elif motion.electorate == Motion.Electorate.PARTICIPANTS:
        user_ids = (
            Participant.objects.filter(
                meeting_id=motion.agenda_item.meeting_id, user__isnull=False
            )
            .exclude(kind=Participant.Kind.EXPERT)
            .values_list("user_id", flat=True)
        )
        rows = [Elector(motion=motion, user_id=u) for u in sorted(set(user_ids))]
    else:
        user_ids = (
            Membership.objects.verified()
            .filter(community=community, is_adult=True)
            .values_list("user_id", flat=True)
        )
        # Experts of the meeting are advisory: they do not vote even if residents.
        experts = set(
            Participant.objects.filter(
                meeting_id=motion.agenda_item.meeting_id,
                kind=Participant.Kind.EXPERT,
                user__isnull=False,
            ).values_list("user_id", flat=True)
        )
        rows = [
            Elector(motion=motion, user_id=u)
            for u in sorted(set(user_ids))
            if u not in experts
        ]
    Elector.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def open_vote(*, actor: Any, motion: Motion) -> Motion:
    """Open a draft motion: snapshot the electorate and the quorum/majority rules."""
    _require_committee(actor, motion.community)
    locked = Motion.objects.select_for_update().get(pk=motion.pk)
    if locked.status != Motion.Status.DRAFT:
        raise _refuse(_("Only a draft motion can be opened."))
    policy = locked.community.policy
    locked.quorum_fraction = (
        policy.household_quorum_fraction
        if locked.household_mode
        else policy.quorum_fraction
    )
    locked.majority_fraction = policy.majority_fraction
    locked.electorate_size = _snapshot_electorate(locked)
    locked.status = Motion.Status.OPEN
    locked.opened_at = timezone.now()
    locked.opened_by = actor
    locked.save(
        update_fields=[
            "quorum_fraction",
            "majority_fraction",
            "electorate_size",
            "status",
            "opened_at",
            "opened_by",
        ]
    )
    for field in (
        "quorum_fraction",
        "majority_fraction",
        "electorate_size",
        "status",
        "opened_at",
        "opened_by",
    ):
        setattr(motion, field, getattr(locked, field))
    record(
        actor=actor,
        action="consultation.vote_opened",
        target=locked,
        community=locked.community,
        data={"electorate": locked.electorate_size},
    )
    return motion


@transaction.atomic
def record_proxy(*, actor: Any, elector: Elector, holder: Any, note: str = "") -> Proxy:
    """Record that `holder` votes for an elector (e.g. for a household)."""
    motion = elector.motion
    _require_committee(actor, motion.community)
    if motion.status == Motion.Status.CLOSED:
        raise _refuse(_("The vote is closed."))
    if elector.ballots.exists():
        raise _refuse(_("This elector has already voted."))
    if not is_verified_resident(holder, motion.community):
        raise _refuse(_("A proxy must be a verified resident of the community."))
    proxy, _created = Proxy.objects.update_or_create(
        elector=elector,
        defaults={
            "holder": holder,
            "note": note,
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    record(
        actor=actor,
        action="consultation.proxy_recorded",
        target=proxy,
        community=motion.community,
        data={"elector": elector.pk, "holder": holder.pk},
    )
    return proxy


def electors_for(*, user: Any, motion: Motion) -> list[Elector]:
    """The electors this person may cast a ballot for: their own (without a proxy)
    and those whose recorded proxy they hold."""
    if not getattr(user, "is_authenticated", False):
        return []
    own = Elector.objects.filter(motion=motion, user=user, proxy__isnull=True)
    held = Elector.objects.filter(motion=motion, proxy__holder=user)
    return list((own | held).select_related("household").distinct())


def _checked_in_user_ids(motion: Motion) -> set[int]:
    return set(
        Participant.objects.filter(
            meeting_id=motion.agenda_item.meeting_id,
            checked_in_at__isnull=False,
            user__isnull=False,
        ).values_list("user_id", flat=True)
    )


def cast_ballot(
    *,
    user: Any,
    motion: Motion,
    option_ids: list[int],
    elector: Elector | None = None,
) -> Ballot:
    """Cast one online ballot (per elector, guaranteed by a unique constraint).

    Someone checked in at the meeting votes on paper there, never also online. For
    a secret motion the choices are stored without any link to the ballot.
    """
    allowed = electors_for(user=user, motion=motion)
    if elector is None:
        if not allowed:
            raise _refuse(_("You are not in the electorate of this motion."))
        elector = allowed[0]
    elif elector.pk not in {e.pk for e in allowed}:
        raise _refuse(_("You may not vote for this elector."))
    choices = list(dict.fromkeys(int(i) for i in option_ids))
    options = {o.pk: o for o in motion.options.all()}
    if not choices or any(c not in options for c in choices):
        raise _refuse(_("Choose among the motion's options."))
    if len(choices) > motion.max_choices:
        raise _refuse(_("Choose at most %(n)s options.") % {"n": motion.max_choices})
    try:
        with transaction.atomic():
            locked = Motion.objects.select_for_update().get(pk=motion.pk)
            if locked.status != Motion.Status.OPEN:
                raise _refuse(_("The vote is not open."))
            if user.pk in _checked_in_user_ids(locked):
                raise _refuse(
                    _(
                        "You are checked in at the meeting: vote on paper there, "
                        "not online."
                    )
                )
            ballot = Ballot.objects.create(motion=locked, elector=elector, cast_by=user)
            BallotChoice.objects.bulk_create(
                BallotChoice(
                    motion=locked,
                    option_id=c,
                    ballot=None if locked.is_secret else ballot,
                )
                for c in choices
            )
    except IntegrityError:
        raise _refuse(_("This ballot has already been cast.")) from None
    return ballot


@transaction.atomic
def enter_paper_tally(
    *, actor: Any, motion: Motion, ballots: int, counts: dict[int, int]
) -> PaperTally:
    """Enter (or correct) the in-person paper count of an open motion.

    Paper ballots can only come from electors checked in at the meeting who did not
    vote online, so nobody is counted twice.
    """
    _require_committee(actor, motion.community)
    locked = Motion.objects.select_for_update().get(pk=motion.pk)
    if locked.status != Motion.Status.OPEN:
        raise _refuse(_("Paper ballots are entered while the vote is open."))
    if ballots < 0 or any(c < 0 for c in counts.values()):
        raise _refuse(_("Counts cannot be negative."))
    options = {o.pk: o for o in locked.options.all()}
    if any(pk not in options for pk in counts):
        raise _refuse(_("Count only the motion's options."))
    present = _checked_in_user_ids(locked)
    voted_online = set(
        Ballot.objects.filter(motion=locked).values_list("elector_id", flat=True)
    )
    eligible_present = 0
    for e in Elector.objects.filter(motion=locked).select_related("proxy"):
        voter = e.proxy.holder_id if hasattr(e, "proxy") else e.user_id
        if voter in present and e.pk not in voted_online:
            eligible_present += 1
    if ballots > eligible_present:
        raise _refuse(
            _(
                "Only %(n)s electors are checked in and have not voted online; "
                "there cannot be more paper ballots."
            )
            % {"n": eligible_present},
            "ballots",
        )
    total = sum(counts.values())
    if (
        any(c > ballots for c in counts.values())
        or total > ballots * locked.max_choices
    ):
        raise _refuse(_("The option counts exceed the paper ballots cast."))
    tally, _created = PaperTally.objects.update_or_create(
        motion=locked,
        defaults={
            "ballots": ballots,
            "entered_by": actor,
            "entered_at": timezone.now(),
        },
    )
    tally.counts.all().delete()
    PaperCount.objects.bulk_create(
        PaperCount(tally=tally, option_id=pk, count=n) for pk, n in counts.items()
    )
    record(
        actor=actor,
        action="consultation.paper_tally_entered",
        target=locked,
        community=locked.community,
        data={"ballots": ballots, "counts": {str(k): v for k, v in counts.items()}},
    )
    return tally


@transaction.atomic
def close_vote(*, actor: Any, motion: Motion, women: int | None = None) -> Motion:
    """Close an open motion and store its result (valid or not, passed or not).

    A motion linked to a charter version is that charter's adoption vote: the
    committee gives the number of women attending (`women`, required then, at
    most the turnout; the consultation records no gender), and the numbers go to
    governance, which applies its own quorum and majority. What governance made
    of them is kept in result["charter"]; if governance refuses the record (say
    the version was voted on elsewhere meanwhile), the vote still closes and the
    refusal is kept there for the committee to see.
    """
    from consultation.selectors import compute_result

    _require_committee(actor, motion.community)
    locked = Motion.objects.select_for_update().get(pk=motion.pk)
    if locked.status != Motion.Status.OPEN:
        raise _refuse(_("Only an open motion can be closed."))
    result = compute_result(locked)
    if locked.charter_version_id is not None:
        result["charter"] = _charter_adoption(locked, result, women)
    locked.status = Motion.Status.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = actor
    locked.result = result
    locked.save(update_fields=["status", "closed_at", "closed_by", "result"])
    for field in ("status", "closed_at", "closed_by", "result"):
        setattr(motion, field, getattr(locked, field))
    record(
        actor=actor,
        action="consultation.vote_closed",
        target=locked,
        community=locked.community,
        data={k: locked.result[k] for k in ("electorate", "turnout", "valid", "passed")}
        | ({"charter": result["charter"]} if "charter" in result else {}),
    )
    return motion


def _charter_adoption(
    motion: Motion, result: dict[str, Any], women: int | None
) -> dict[str, Any]:
    """Hand a closing charter motion's numbers to governance (see close_vote)."""
    from governance.charters.services.consultation import (
        record_charter_adoption_from_consultation,
    )

    turnout = result["turnout"]
    if women is None or isinstance(women, bool) or not isinstance(women, int):
        raise _refuse(
            _(
                "Enter the number of women attending: the charter's vote record "
                "needs it."
            ),
            "women",
        )
    if not 0 <= women <= turnout:
        raise _refuse(
            _(
                "The number of women attending must be between 0 and the %(turnout)d "
                "people who took part in the vote."
            )
            % {"turnout": turnout},
            "women",
        )
    outcome: dict[str, Any] = {"version": motion.charter_version_id, "women": women}
    try:
        with transaction.atomic():
            outcome |= record_charter_adoption_from_consultation(
                community=motion.community,
                version_id=motion.charter_version_id,
                electorate=result["electorate"],
                attendance=turnout,
                women=women,
                votes_for=result.get("for", 0),
                against=result.get("against", 0),
                abstain=result.get("abstain", 0),
                source_ref=reverse(
                    "consultation:motion", args=[motion.community.slug, motion.pk]
                ),
                held_on=timezone.localdate(),
            )
        outcome["recorded"] = True
    except ValidationError as error:
        outcome |= {"recorded": False, "error": " ".join(error.messages)}
    return outcome
