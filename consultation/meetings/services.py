"""Meeting writes: scheduling, the notice, holding it (which drafts the minutes),
agenda items, invitations, registration and check-in.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.rules import is_verified_resident
from communities.selectors import verified_residents
from consultation.followup.services import draft_minutes
from consultation.meetings.models import AgendaItem, Meeting, Participant
from consultation.meetings.selectors import places_left
from consultation.topics.models import (
    CHAIN,
    Consultation,
    State,
)
from consultation.topics.services import require_committee, transition
from notifications.services import notify


def _refuse(message: str, field: str | None = None) -> ValidationError:
    return ValidationError({field: message} if field else message)


def _meeting_url(meeting: Meeting) -> str:
    return reverse("consultation:meeting", args=[meeting.community.slug, meeting.pk])


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
    require_committee(actor, consultation.community)
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
    require_committee(actor, meeting.community)
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
    residents = list(verified_residents(locked.community))
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
    require_committee(actor, meeting.community)
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
    draft_minutes(locked)
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
    require_committee(actor, meeting.community)
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
    require_committee(actor, meeting.community)
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
    require_committee(actor, meeting.community)
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
