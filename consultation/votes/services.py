"""Vote writes: motions, opening (electorate snapshot), proxies, ballots, paper
tallies, closing (result, charter adoption, minutes draft).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.models import Membership
from communities.rules import is_verified_resident
from consultation.followup.services import draft_minutes
from consultation.meetings.models import AgendaItem, Meeting, Participant
from consultation.topics.services import require_committee
from consultation.votes.models import (
    Ballot,
    BallotChoice,
    Elector,
    Motion,
    Option,
    PaperCount,
    PaperTally,
    Proxy,
)
from consultation.votes.selectors import (
    _checked_in_user_ids,
    _is_checked_in,
    compute_result,
    electors_for,
)
from governance.charters.services.consultation import (
    charters_awaiting_vote,
    record_charter_adoption_from_consultation,
)


# ---------------------------------------------------------------------------
# Motions and votes
# ---------------------------------------------------------------------------
@transaction.atomic
def _refuse(message: str, field: str | None = None) -> ValidationError:
    return ValidationError({field: message} if field else message)


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
    require_committee(actor, community)
    if charter_version_id is not None:
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
    require_committee(actor, motion.community)
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
    require_committee(actor, motion.community)
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


def _first_without_ballot(motion: Motion, electors: list[Elector]) -> Elector:
    voted = set(
        Ballot.objects.filter(motion=motion, elector__in=electors).values_list(
            "elector_id", flat=True
        )
    )
    elector = next((e for e in electors if e.pk not in voted), None)
    if elector is None:
        raise _refuse(_("This ballot has already been cast."))
    return elector


def _locked_status(motion: Motion, *, shared: bool) -> str:
    """The motion's status, locked until the transaction ends.

    `shared` (an online ballot): a share lock (PostgreSQL's FOR SHARE), so ballots
    on the same motion do not wait for each other, while `close_vote`'s FOR UPDATE
    still waits for every ballot in flight and every later ballot waits for the
    close, then finds the vote closed. A ballot's own elector is fixed, and the
    unique constraint refuses a second one. In the room, the person's first elector
    without a ballot is chosen under the lock, so those ballots take it exclusively.
    SQLite serialises writing transactions anyway (IMMEDIATE).
    """
    if shared and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT status FROM consultation_motion WHERE id = %s FOR SHARE",
                [motion.pk],
            )
            return cursor.fetchone()[0]
    return (
        Motion.objects.select_for_update()
        .filter(pk=motion.pk)
        .values_list("status", flat=True)
        .get()
    )


def cast_ballot(
    *,
    user: Any,
    motion: Motion,
    option_ids: list[int],
    elector: Elector | None = None,
    in_room: bool = False,
    allowed: list[Elector] | None = None,
) -> Ballot:
    """Cast one ballot (per elector, guaranteed by a unique constraint).

    Online, someone checked in at the meeting votes on paper there, never also
    online. `in_room=True` is the in-person ballot cast from a phone in a live
    meeting (`live.services.cast_in_room` checks the room): being checked in is
    what allows it, and the first of the person's electors without a ballot votes.
    For a secret motion the choices are stored without any link to the ballot.
    `allowed` is the person's electors when the caller has just read them
    (`electors_for`), so that they are not read again.

    Only what must see the committed state is done under the motion's lock (its
    status, in the room which electors have voted, the inserts), so concurrent
    voters wait for each other as briefly as possible.
    """
    if allowed is None:
        allowed = electors_for(user=user, motion=motion)
    if in_room or elector is None:
        if not allowed:
            raise _refuse(_("You are not in the electorate of this motion."))
        elector = allowed[0]
    elif elector.pk not in {e.pk for e in allowed}:
        raise _refuse(_("You may not vote for this elector."))
    choices = list(dict.fromkeys(int(i) for i in option_ids))
    # `order_by()`: the options' default order joins the motion table for nothing.
    options = set(motion.options.order_by().values_list("pk", flat=True))
    if not choices or any(c not in options for c in choices):
        raise _refuse(_("Choose among the motion's options."))
    if len(choices) > motion.max_choices:
        raise _refuse(_("Choose at most %(n)s options.") % {"n": motion.max_choices})
    # Check-in does not lock the motion, so this is read before taking its lock.
    if not in_room and _is_checked_in(motion, user):
        raise _refuse(
            _("You are checked in at the meeting: vote on paper there, not online.")
        )
    try:
        with transaction.atomic():
            # Only the status is read under the lock; the rest of the motion was
            # read by the caller and does not change while it is open. Keeping
            # `motion` lets the live push find the meeting without a query when the
            # caller read its agenda item.
            status = _locked_status(motion, shared=not in_room)
            if status != Motion.Status.OPEN:
                raise _refuse(_("The vote is not open."))
            if in_room:
                elector = _first_without_ballot(motion, allowed)
            ballot = Ballot.objects.create(motion=motion, elector=elector, cast_by=user)
            BallotChoice.objects.bulk_create(
                BallotChoice(
                    motion=motion,
                    option_id=c,
                    ballot=None if motion.is_secret else ballot,
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
    require_committee(actor, motion.community)
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

    require_committee(actor, motion.community)
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
    draft_minutes(
        Meeting.objects.select_related("community").get(
            pk=locked.agenda_item.meeting_id
        )
    )
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
