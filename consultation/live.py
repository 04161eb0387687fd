"""Live meeting mode: the state pushed to phones and the projector, and its writes.

Everything a live page shows is read from the database: `snapshot()` is the
meeting's public state (current agenda item, attendance and quorum counter, the
vote in progress with its tally unless hidden, the speaking queue), `personal()`
what one person may do, `roster()` the committee's check-in list.

Pushes go through the channel layer group of the meeting, after the database
commit (`transaction.on_commit`), so they cross ASGI worker processes through
Redis. The snapshot is read once by the process that made the change and carried
in the event; a consumer that (re)connects reads it afresh. Saves of the rows a
live page shows (ballots, motions, participants, raised hands, the meeting) are
watched by `connect()`, so writes made by `consultation.services` (the motion page,
paper tallies) reach live pages too.
"""

from __future__ import annotations

import asyncio
import base64
import io
import logging
import math
import time
from decimal import Decimal
from functools import partial
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.rules import is_verified_resident
from consultation import services
from consultation.models import (
    AgendaItem,
    Ballot,
    BallotChoice,
    Meeting,
    Motion,
    PaperTally,
    Participant,
    SpeakingRequest,
)

logger = logging.getLogger(__name__)

# The check-in QR code's token changes every TOKEN_STEP seconds; a token is accepted
# for TOKEN_MAX_AGE seconds (the code on the screen and the one just before it).
TOKEN_STEP = 60
TOKEN_MAX_AGE = 2 * TOKEN_STEP
# Check-in and raised hands are possible from this long before the start until
# this long after the planned end.
SESSION_MARGIN_SECONDS = 2 * 3600
# Marks an event that changes every connected person's own state (a vote opened).
EVERYONE = "*"


def group_name(meeting_id: int) -> str:
    return f"consultation.meeting.{meeting_id}"


def _refuse(message: str) -> ValidationError:
    return ValidationError(message)


# ---------------------------------------------------------------------------
# Signed tokens: the rotating check-in code and the projector's secret link
# ---------------------------------------------------------------------------
def _checkin_salt(meeting: Meeting) -> str:
    return f"consultation.live.checkin.{meeting.uid}"


def checkin_token(meeting: Meeting, now: float | None = None) -> str:
    """The token in the QR code right now (changes every TOKEN_STEP seconds)."""
    step = int((now if now is not None else time.time()) // TOKEN_STEP)
    signer = signing.TimestampSigner(salt=_checkin_salt(meeting))
    # The timestamp is the step's start, so everyone in one step gets one token.
    return signer.sign_object({"m": meeting.pk, "s": step})


def checkin_token_valid(meeting: Meeting, token: str) -> bool:
    signer = signing.TimestampSigner(salt=_checkin_salt(meeting))
    try:
        data = signer.unsign_object(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    return isinstance(data, dict) and data.get("m") == meeting.pk


def checkin_url(meeting: Meeting, now: float | None = None) -> str:
    return reverse(
        "consultation:live-checkin",
        args=[meeting.community.slug, meeting.pk, checkin_token(meeting, now)],
    )


def projector_key(meeting: Meeting) -> str:
    """The projector's secret link key: for a screen nobody signs in on."""
    return signing.Signer(salt=f"consultation.live.projector.{meeting.uid}").sign(
        str(meeting.pk)
    )


def projector_key_valid(meeting: Meeting, key: str | None) -> bool:
    if not key:
        return False
    signer = signing.Signer(salt=f"consultation.live.projector.{meeting.uid}")
    try:
        return signer.unsign(key) == str(meeting.pk)
    except signing.BadSignature:
        return False


def qr_svg(text: str) -> bytes:
    """A QR code of `text` as SVG, made on the site (no outside service)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=2
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def qr_data_uri(text: str) -> str:
    """The same QR code as an inline data URI (the CSP allows data: images)."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(text)).decode()


# ---------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------
def in_session(meeting: Meeting, now=None) -> bool:
    """Notice out, not cancelled, and from a while before the start to after the end."""
    now = now or timezone.now()
    if meeting.notice_published_at is None or meeting.cancelled_at is not None:
        return False
    margin = timezone.timedelta(seconds=SESSION_MARGIN_SECONDS)
    return meeting.starts_at - margin <= now <= meeting.ends_at + margin


def needed_for_quorum(motion: Motion) -> int:
    """The smallest turnout with which the motion's vote is valid."""
    from consultation.selectors import quorum_met

    electorate = motion.electorate_size
    if electorate <= 0 or motion.quorum_fraction is None:
        return 0
    n = max(0, math.floor(Decimal(motion.quorum_fraction) * electorate) - 1)
    while n <= electorate and not quorum_met(motion, n):
        n += 1
    return n


def live_motion(meeting: Meeting) -> Motion | None:
    """The vote shown live: an open motion of the meeting; else the last closed one
    (of the current agenda item when one is set), so its result stays on screen;
    else the current item's draft motion."""
    motions = Motion.objects.filter(agenda_item__meeting=meeting)
    motion = motions.filter(status=Motion.Status.OPEN).order_by("-opened_at").first()
    if motion is not None:
        return motion
    if meeting.current_item_id:
        motions = motions.filter(agenda_item_id=meeting.current_item_id)
    closed = motions.filter(status=Motion.Status.CLOSED).order_by("-closed_at").first()
    if closed is not None or not meeting.current_item_id:
        return closed
    return motions.order_by("created_at").first()


def _motion_state(motion: Motion) -> dict[str, Any]:
    from consultation.selectors import results_visible, tally

    counts = tally(motion)
    shown = results_visible(motion)
    result = motion.result if motion.is_closed else None
    return {
        "id": motion.pk,
        "title": motion.title,
        "status": motion.status,
        "status_label": str(Motion.Status(motion.status).label),
        "method": motion.method,
        "max_choices": motion.max_choices,
        "secret": motion.is_secret,
        "hidden": not shown,
        "electorate": motion.electorate_size,
        "turnout": counts["turnout"],
        "quorum_needed": needed_for_quorum(motion),
        "options": [
            {
                "id": o["id"],
                "label": str(o["label"]),
                "count": o["count"] if shown else None,
            }
            for o in counts["options"]
        ],
        "valid": result["valid"] if result else None,
        "passed": result["passed"] if result else None,
    }


def snapshot(meeting_id: int) -> dict[str, Any] | None:
    """The meeting's public live state, from the database (a handful of queries)."""
    meeting = (
        Meeting.objects.select_related("community", "current_item")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        return None
    voting = Participant.objects.filter(meeting=meeting).exclude(
        kind=Participant.Kind.EXPERT
    )
    expected = voting.count()
    present = voting.filter(checked_in_at__isnull=False).count()
    fraction = Decimal(meeting.community.policy.quorum_fraction)
    meeting_quorum = math.floor(fraction * expected) + 1 if expected else 0
    item = meeting.current_item
    motion = live_motion(meeting)
    queue = [
        {
            "id": r.pk,
            "name": r.user.public_name,
            "speaking": r.called_at is not None,
        }
        for r in SpeakingRequest.objects.filter(
            meeting=meeting, done_at__isnull=True
        ).select_related("user")
    ]
    queue.sort(key=lambda r: not r["speaking"])
    return {
        "type": "state",
        "meeting": meeting.pk,
        "title": meeting.title,
        "in_session": in_session(meeting),
        "item": (
            {
                "id": item.pk,
                "position": item.position,
                "title": item.title,
                "description": item.description,
            }
            if item
            else None
        ),
        "attendance": {
            "present": present,
            "expected": expected,
            "quorum_needed": meeting_quorum,
            "quorum_met": expected > 0 and present >= meeting_quorum,
        },
        "motion": _motion_state(motion) if motion else None,
        "queue": queue,
        "at": timezone.now().isoformat(),
    }


def personal(meeting_id: int, user: Any) -> dict[str, Any]:
    """What this person is and may do at the meeting right now."""
    me: dict[str, Any] = {
        "type": "me",
        "participant": False,
        "checked_in": False,
        "hand": None,
        "may_vote": False,
        "voted": False,
    }
    if not getattr(user, "is_authenticated", False):
        return me
    participant = Participant.objects.filter(meeting_id=meeting_id, user=user).first()
    if participant is not None:
        me["participant"] = True
        me["checked_in"] = participant.checked_in_at is not None
    hand = SpeakingRequest.objects.filter(
        meeting_id=meeting_id, user=user, done_at__isnull=True
    ).first()
    if hand is not None:
        me["hand"] = "speaking" if hand.called_at else "waiting"
    motion = (
        Motion.objects.filter(
            agenda_item__meeting_id=meeting_id, status=Motion.Status.OPEN
        )
        .order_by("-opened_at")
        .first()
    )
    if motion is not None:
        electors = services.electors_for(user=user, motion=motion)
        voted = set(
            Ballot.objects.filter(motion=motion, elector__in=electors).values_list(
                "elector_id", flat=True
            )
        )
        me["voted"] = bool(electors) and all(e.pk in voted for e in electors)
        me["may_vote"] = me["checked_in"] and any(e.pk not in voted for e in electors)
    return me


def roster(meeting_id: int) -> list[dict[str, Any]]:
    """The committee's check-in list (names unmasked: the committee runs the room)."""
    return [
        {
            "id": p.pk,
            "name": p.display_name,
            "kind": str(Participant.Kind(p.kind).label),
            "checked_in": p.checked_in_at is not None,
        }
        for p in Participant.objects.filter(meeting_id=meeting_id).select_related(
            "user"
        )
    ]


# ---------------------------------------------------------------------------
# Pushes (after the commit)
# ---------------------------------------------------------------------------
def push(meeting_id: int, users: Any = (), roster_changed: bool = False) -> None:
    """Send the fresh snapshot to every live page of the meeting, now."""
    state = snapshot(meeting_id)
    if state is None:
        return
    event = {
        "type": "live.state",
        "state": state,
        "users": users if users == EVERYONE else sorted(set(users)),
        "roster": roster_changed,
    }
    layer = get_channel_layer()
    try:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            async_to_sync(layer.group_send)(group_name(meeting_id), event)
        else:  # called from async code (e.g. a consumer's thread-less caller)
            loop.create_task(layer.group_send(group_name(meeting_id), event))
    except Exception:  # a push must never break the write that caused it
        logger.exception("live meeting push failed for meeting %s", meeting_id)


def broadcast(meeting_id: int, users: Any = (), roster_changed: bool = False) -> None:
    """Push once the current transaction commits (at once outside one)."""
    transaction.on_commit(
        partial(push, meeting_id, users=users, roster_changed=roster_changed)
    )


def _on_ballot(sender, instance: Ballot, created: bool, **kwargs) -> None:
    meeting_id = (
        Motion.objects.filter(pk=instance.motion_id)
        .values_list("agenda_item__meeting_id", flat=True)
        .first()
    )
    if meeting_id:
        users = [u for u in (instance.cast_by_id,) if u]
        broadcast(meeting_id, users=users)


def _on_motion(sender, instance: Motion, **kwargs) -> None:
    meeting_id = (
        AgendaItem.objects.filter(pk=instance.agenda_item_id)
        .values_list("meeting_id", flat=True)
        .first()
    )
    if meeting_id:
        broadcast(meeting_id, users=EVERYONE)


def _on_paper_tally(sender, instance: PaperTally, **kwargs) -> None:
    _on_motion(sender, instance.motion)


def _on_participant(sender, instance: Participant, **kwargs) -> None:
    users = [instance.user_id] if instance.user_id else []
    broadcast(instance.meeting_id, users=users, roster_changed=True)


def _on_speaking_request(sender, instance: SpeakingRequest, **kwargs) -> None:
    broadcast(instance.meeting_id, users=[instance.user_id])


def _on_meeting(sender, instance: Meeting, created: bool, **kwargs) -> None:
    if not created:
        broadcast(instance.pk)


def connect() -> None:
    """Called from ConsultationConfig.ready(): push after every save a page shows."""
    for model, receiver in (
        (Ballot, _on_ballot),
        (Motion, _on_motion),
        (PaperTally, _on_paper_tally),
        (Participant, _on_participant),
        (SpeakingRequest, _on_speaking_request),
        (Meeting, _on_meeting),
    ):
        post_save.connect(
            receiver, sender=model, dispatch_uid=f"gz_live_{model.__name__}"
        )


# ---------------------------------------------------------------------------
# Writes of the live meeting
# ---------------------------------------------------------------------------
@transaction.atomic
def set_current_item(*, actor: Any, meeting: Meeting, item: AgendaItem | None) -> None:
    """Put an agenda item (or none) on every participant's screen."""
    services._require_committee(actor, meeting.community)
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
    return services.check_in(actor=actor, participant=participant)


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
    services._require_committee(actor, meeting.community)
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
    services._require_committee(actor, meeting.community)
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
    return services.open_vote(actor=actor, motion=motion)


def close_vote(
    *, actor: Any, meeting: Meeting, motion: Motion, women: int | None = None
) -> Motion:
    """Close a motion of this meeting; a charter's adoption vote needs `women`
    (the number of women attending), as on the motion page."""
    if motion.agenda_item.meeting_id != meeting.pk:
        raise _refuse(_("That motion is not on this meeting's agenda."))
    return services.close_vote(actor=actor, motion=motion, women=women)


def cast_in_room(
    *, user: Any, meeting: Meeting, motion: Motion, option_ids: list[int]
) -> Ballot:
    """A checked-in elector votes from their phone in the room.

    This is their in-person ballot: it is stored as a ballot of the elector (one per
    elector, unique in the database), so the paper count can no longer include them
    (`services.enter_paper_tally` counts only checked-in electors without a ballot)
    and nobody is counted twice. Voting on the motion page stays refused to people
    checked in (`services.cast_ballot`).
    """
    if motion.agenda_item.meeting_id != meeting.pk:
        raise _refuse(_("That motion is not on this meeting's agenda."))
    if not _checked_in(user, meeting):
        raise _refuse(_("Check in at the meeting to vote here."))
    electors = services.electors_for(user=user, motion=motion)
    if not electors:
        raise _refuse(_("You are not in the electorate of this motion."))
    choices = list(dict.fromkeys(int(i) for i in option_ids))
    options = set(motion.options.values_list("pk", flat=True))
    if not choices or any(c not in options for c in choices):
        raise _refuse(_("Choose among the motion's options."))
    if len(choices) > motion.max_choices:
        raise _refuse(_("Choose at most %(n)s options.") % {"n": motion.max_choices})
    try:
        with transaction.atomic():
            locked = Motion.objects.select_for_update().get(pk=motion.pk)
            if locked.status != Motion.Status.OPEN:
                raise _refuse(_("The vote is not open."))
            voted = set(
                Ballot.objects.filter(motion=locked).values_list(
                    "elector_id", flat=True
                )
            )
            elector = next((e for e in electors if e.pk not in voted), None)
            if elector is None:
                raise _refuse(_("This ballot has already been cast."))
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
