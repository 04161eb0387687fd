"""Live meeting commands: the current item, check-in, the speaking queue, votes in
the room (through the votes services).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.rules import is_verified_resident
from consultation.live.broadcast import broadcast
from consultation.live.models import SpeakingRequest
from consultation.live.selectors import in_session
from consultation.live.tokens import checkin_token_valid
from consultation.meetings import services as meeting_services
from consultation.meetings.models import AgendaItem, Meeting, Participant
from consultation.topics import services as topic_services
from consultation.votes import services as vote_services
from consultation.votes.models import Ballot, Motion

logger = logging.getLogger(__name__)


def _refuse(message: str) -> ValidationError:
    return ValidationError(message)


# ---------------------------------------------------------------------------
# Writes of the live meeting
# ---------------------------------------------------------------------------
@transaction.atomic
def set_current_item(*, actor: Any, meeting: Meeting, item: AgendaItem | None) -> None:
    """Put an agenda item (or none) on every participant's screen."""
    topic_services.require_committee(actor, meeting.community)
    if item is not None and item.meeting_id != meeting.pk:
        raise _refuse(_("That agenda item is not on this meeting's agenda."))
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    locked.current_item = item
    locked.save(update_fields=["current_item", "updated_at"])
    meeting.current_item = item
    record(
        actor=actor,
        action="consultation.live_item",
        target=locked,
        community=locked.community,
        data={"item": item.pk if item else None},
    )


def check_in_by_name(*, actor: Any, participant: Participant) -> Participant:
    """The committee checks someone in from the roster (pushes through the save)."""
    return meeting_services.check_in(actor=actor, participant=participant)


def self_check_in(*, user: Any, meeting: Meeting, token: str) -> Participant:
    """Check in the signed-in person who scanned the projector's QR code.

    Invited or registered participants are checked in; a verified resident who is
    not on the list yet joins as a resident (an open meeting of residents).
    """
    if not checkin_token_valid(meeting, token):
        raise _refuse(
            _("This check-in code has expired. Scan the code on the screen again.")
        )
    if not in_session(meeting):
        raise _refuse(_("Check-in is open only while the meeting is in session."))
    try:
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            participant = (
                Participant.objects.select_for_update()
                .filter(meeting=locked, user=user)
                .first()
            )
            if participant is None:
                if not is_verified_resident(user, locked.community):
                    raise _refuse(
                        _(
                            "Only the meeting's participants and verified residents "
                            "of the community can check in."
                        )
                    )
                participant = Participant(
                    meeting=locked,
                    user=user,
                    kind=Participant.Kind.RESIDENT,
                    how=Participant.How.REGISTERED,
                )
            if participant.checked_in_at is not None:
                raise _refuse(_("You are already checked in."))
            participant.checked_in_at = timezone.now()
            participant.checked_in_by = user
            participant.save()
            record(
                actor=user,
                action="consultation.checked_in_by_code",
                target=participant,
                community=locked.community,
            )
            return participant
    except IntegrityError:
        raise _refuse(_("You are already checked in.")) from None


def _checked_in(user: Any, meeting: Meeting) -> bool:
    return Participant.objects.filter(
        meeting=meeting, user=user, checked_in_at__isnull=False
    ).exists()


def raise_hand(*, user: Any, meeting: Meeting) -> SpeakingRequest:
    """A checked-in participant asks to speak (once at a time)."""
    if not in_session(meeting) or not _checked_in(user, meeting):
        raise _refuse(_("Check in at the meeting to ask to speak."))
    try:
        with transaction.atomic():
            return SpeakingRequest.objects.create(meeting=meeting, user=user)
    except IntegrityError:
        raise _refuse(_("Your hand is already raised.")) from None


@transaction.atomic
def lower_hand(*, user: Any, meeting: Meeting) -> None:
    request = (
        SpeakingRequest.objects.select_for_update()
        .filter(meeting=meeting, user=user, done_at__isnull=True)
        .first()
    )
    if request is None:
        raise _refuse(_("Your hand is not raised."))
    request.done_at = timezone.now()
    request.save(update_fields=["done_at"])


@transaction.atomic
def call_next(*, actor: Any, meeting: Meeting) -> SpeakingRequest | None:
    """End the current speaker's turn and call the longest waiting hand."""
    topic_services.require_committee(actor, meeting.community)
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    now = timezone.now()
    open_requests = SpeakingRequest.objects.filter(
        meeting=meeting, done_at__isnull=True
    )
    for speaking in open_requests.filter(called_at__isnull=False):
        speaking.done_at = now
        speaking.save(update_fields=["done_at"])
    waiting = open_requests.filter(called_at__isnull=True).order_by("raised_at", "pk")
    nxt = waiting.first()
    if nxt is not None:
        nxt.called_at = now
        nxt.save(update_fields=["called_at"])
    record(
        actor=actor,
        action="consultation.live_call_next",
        target=meeting,
        community=meeting.community,
        data={"request": nxt.pk if nxt else None},
    )
    return nxt


@transaction.atomic
def clear_queue(*, actor: Any, meeting: Meeting) -> int:
    """Close every raised hand (e.g. when the item changes)."""
    topic_services.require_committee(actor, meeting.community)
    users = list(
        SpeakingRequest.objects.filter(
            meeting=meeting, done_at__isnull=True
        ).values_list("user_id", flat=True)
    )
    cleared = SpeakingRequest.objects.filter(
        meeting=meeting, done_at__isnull=True
    ).update(done_at=timezone.now())
    record(
        actor=actor,
        action="consultation.live_queue_cleared",
        target=meeting,
        community=meeting.community,
        data={"cleared": cleared},
    )
    broadcast(meeting.pk, users=users)
    return cleared


def open_vote(*, actor: Any, meeting: Meeting, motion: Motion) -> Motion:
    """Open a motion of this meeting (pushes through the motion's save)."""
    if motion.agenda_item.meeting_id != meeting.pk:
        raise _refuse(_("That motion is not on this meeting's agenda."))
    return vote_services.open_vote(actor=actor, motion=motion)


def close_vote(
    *, actor: Any, meeting: Meeting, motion: Motion, women: int | None = None
) -> Motion:
    """Close a motion of this meeting; a charter's adoption vote needs `women`
    (the number of women attending), as on the motion page."""
    if motion.agenda_item.meeting_id != meeting.pk:
        raise _refuse(_("That motion is not on this meeting's agenda."))
    return vote_services.close_vote(actor=actor, motion=motion, women=women)


def cast_in_room(
    *, user: Any, meeting: Meeting, motion: Motion, option_ids: list[int]
) -> Ballot:
    """A checked-in elector votes from their phone in the room.

    This is their in-person ballot: it is stored as a ballot of the elector (one per
    elector, unique in the database), so the paper count can no longer include them
    (`vote_services.enter_paper_tally` counts only checked-in electors without a ballot)
    and nobody is counted twice. Voting on the motion page stays refused to people
    checked in (`vote_services.cast_ballot`).
    """
    if motion.agenda_item.meeting_id != meeting.pk:
        raise _refuse(_("That motion is not on this meeting's agenda."))
    if not _checked_in(user, meeting):
        raise _refuse(_("Check in at the meeting to vote here."))
    return vote_services.cast_ballot(
        user=user, motion=motion, option_ids=option_ids, in_room=True
    )
