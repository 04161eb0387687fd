"""Minutes (drafted from the meeting's record, edited, circulated, confirmed into a
resolution), follow-up items, milestones, progress, closing and ratings.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities import wording
from communities.selectors import committee_members, verified_residents
from communities.uploads import reencode_image, validate_upload
from consultation.deliberation import services as deliberation_services
from consultation.followup.models import (
    FollowUpFollower,
    FollowUpItem,
    FollowUpRating,
    Milestone,
    Minutes,
    MinutesConfirmation,
    ProgressPhoto,
    ProgressUpdate,
    Resolution,
)
from consultation.followup.publishing import publish_resolution
from consultation.followup.selectors import (
    confirmations_needed,
    confirming_people,
    took_part_user_ids,
)
from consultation.meetings.models import Meeting
from consultation.topics import services as topic_services
from consultation.topics.models import Consultation, State
from consultation.topics.rules import manages_consultations
from consultation.votes.models import Motion
from notifications.services import notify

PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_SIDE = 1600
PHOTOS_PER_UPDATE = 6


def _refuse(message: str, field: str | None = None) -> ValidationError:
    return ValidationError({field: message} if field else message)


def minutes_url(minutes: Minutes) -> str:
    meeting = minutes.meeting
    return reverse("consultation:minutes", args=[meeting.community.slug, meeting.pk])


def item_url(item: FollowUpItem) -> str:
    return reverse("consultation:followup", args=[item.community.slug, item.pk])


# ---------------------------------------------------------------------------
# Minutes
# ---------------------------------------------------------------------------
def _motion_lines(motion: Motion) -> list[str]:
    if motion.status != Motion.Status.CLOSED or not motion.result:
        return [
            _("Motion: %(title)s (vote %(status)s)")
            % {"title": motion.title, "status": motion.get_status_display()}
        ]
    result = motion.result
    counts = "; ".join(f"{o['label']} {o['count']}" for o in result.get("options", []))
    verdict = (
        (_("passed") if result.get("passed") else _("not passed"))
        if result.get("valid")
        else _("not valid (quorum not met)")
    )
    return [
        _("Motion: %(title)s") % {"title": motion.title},
        _(
            "Electorate %(electorate)s, turnout %(turnout)s: %(counts)s. Result: %(verdict)s."
        )
        % {
            "electorate": result.get("electorate", 0),
            "turnout": result.get("turnout", 0),
            "counts": counts,
            "verdict": verdict,
        },
    ]


def _meeting_form(meeting: Meeting) -> Any:
    """The meeting's form; an assembly in this community's words (居民会议/村民会议)."""
    if meeting.form == Meeting.Form.ASSEMBLY:
        return wording.term(meeting.consultation.community, "assembly")
    return meeting.get_form_display()


def draft_text(meeting: Meeting) -> tuple[str, str]:
    """(record, decisions) written from the meeting's record."""
    participants = list(meeting.participants.select_related("user"))
    present = [p for p in participants if p.checked_in_at]
    lines = [
        _("Meeting: %(title)s (%(form)s)")
        % {"title": meeting.title, "form": _meeting_form(meeting)},
        _("Held: %(when)s, %(place)s")
        % {
            "when": timezone.localtime(meeting.held_at or meeting.starts_at).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "place": meeting.place or meeting.get_mode_display(),
        },
        _("Participants: %(total)s, of whom %(present)s checked in.")
        % {"total": len(participants), "present": len(present)},
    ]
    if participants:
        names = ", ".join(
            f"{p.public_name} ({p.get_kind_display()})" for p in participants
        )
        lines.append(_("Attendance: %(names)s") % {"names": names})
    decisions: list[str] = []
    motions = Motion.objects.filter(agenda_item__meeting=meeting).select_related(
        "agenda_item"
    )
    by_item: dict[int, list[Motion]] = {}
    for motion in motions:
        by_item.setdefault(motion.agenda_item_id, []).append(motion)
    for item in meeting.agenda_items.all():
        lines.append("")
        lines.append(f"{item.position}. {item.title}")
        for motion in by_item.get(item.pk, []):
            lines.extend(_motion_lines(motion))
            result = motion.result or {}
            if motion.is_closed and result.get("valid") and result.get("passed"):
                adopted = [
                    o["label"] for o in result.get("options", []) if o.get("adopted")
                ]
                if motion.method == Motion.Method.YES_NO:
                    decisions.append(_("Adopted: %(title)s") % {"title": motion.title})
                else:
                    decisions.append(
                        _("Adopted: %(title)s, chosen: %(choices)s")
                        % {"title": motion.title, "choices": ", ".join(adopted)}
                    )
            elif motion.is_closed:
                decisions.append(_("Not adopted: %(title)s") % {"title": motion.title})
    return "\n".join(lines), "\n".join(decisions)


def draft_minutes(meeting: Meeting) -> Minutes | None:
    """Create or refresh the automatic draft (never over the committee's edits)."""
    if meeting.held_at is None:
        return None
    record_text, decisions = draft_text(meeting)
    minutes, created = Minutes.objects.get_or_create(
        meeting=meeting, defaults={"record": record_text, "decisions": decisions}
    )
    if (
        not created
        and minutes.status == Minutes.Status.DRAFT
        and minutes.edited_at is None
    ):
        minutes.record = record_text
        minutes.decisions = decisions
        minutes.drafted_at = timezone.now()
        minutes.save(update_fields=["record", "decisions", "drafted_at"])
    return minutes


@transaction.atomic
def redraft_minutes(*, actor: Any, minutes: Minutes) -> Minutes:
    """The committee throws its edits away and drafts again from the record."""
    if not actor.has_perm("consultation.edit_minutes", minutes):
        raise _refuse(_("Only draft minutes can be drafted again by the committee."))
    minutes.record, minutes.decisions = draft_text(minutes.meeting)
    minutes.drafted_at = timezone.now()
    minutes.edited_at = None
    minutes.edited_by = None
    minutes.save(
        update_fields=["record", "decisions", "drafted_at", "edited_at", "edited_by"]
    )
    return minutes


@transaction.atomic
def edit_minutes(
    *, actor: Any, minutes: Minutes, record_text: str, decisions: str
) -> Minutes:
    if not actor.has_perm("consultation.edit_minutes", minutes):
        raise _refuse(_("Only the committee edits minutes, and only while drafted."))
    if not decisions.strip():
        raise _refuse(_("Write the decisions the meeting took."), "decisions")
    minutes.record = record_text.strip()
    minutes.decisions = decisions.strip()
    minutes.edited_at = timezone.now()
    minutes.edited_by = actor
    minutes.save(update_fields=["record", "decisions", "edited_at", "edited_by"])
    record(
        actor=actor,
        action="consultation.minutes_edited",
        target=minutes,
        community=minutes.meeting.community,
    )
    return minutes


@transaction.atomic
def circulate_minutes(*, actor: Any, minutes: Minutes) -> Minutes:
    """The committee sends the minutes to the participants for confirmation."""
    if not actor.has_perm("consultation.edit_minutes", minutes):
        raise _refuse(_("Only the committee sends draft minutes for confirmation."))
    if not minutes.decisions.strip():
        raise _refuse(_("Write the decisions the meeting took."), "decisions")
    people = confirming_people(minutes)
    if not people:
        raise _refuse(
            _("Nobody with an account took part in the meeting to confirm the minutes.")
        )
    minutes.status = Minutes.Status.CIRCULATING
    minutes.circulated_at = timezone.now()
    minutes.circulated_by = actor
    minutes.save(update_fields=["status", "circulated_at", "circulated_by"])
    record(
        actor=actor,
        action="consultation.minutes_circulated",
        target=minutes,
        community=minutes.meeting.community,
    )
    notify(
        recipients=[p.user for p in people],
        kind="consultation.minutes_to_confirm",
        title=_("Please confirm the minutes of %(title)s")
        % {"title": minutes.meeting.title},
        url=minutes_url(minutes),
    )
    return minutes


def confirm_minutes(*, user: Any, minutes: Minutes) -> MinutesConfirmation:
    """A participant confirms the minutes once; enough confirmations adopt them."""
    try:
        with transaction.atomic():
            locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
            if not user.has_perm("consultation.confirm_minutes", locked):
                if locked.confirmations.filter(user=user).exists():
                    raise _refuse(_("You have already confirmed these minutes."))
                if locked.status != Minutes.Status.CIRCULATING:
                    raise _refuse(_("These minutes are not awaiting confirmation."))
                raise _refuse(_("Only the meeting's participants confirm its minutes."))
            participant = locked.meeting.participants.get(user=user)
            confirmation = MinutesConfirmation.objects.create(
                minutes=locked, participant=participant, user=user
            )
            if locked.confirmations.count() >= confirmations_needed(locked):
                _adopt(locked)
    except IntegrityError:
        raise _refuse(_("You have already confirmed these minutes.")) from None
    minutes.refresh_from_db()
    if minutes.status == Minutes.Status.CONFIRMED:
        publish_resolution(minutes.resolution)
    return confirmation


def _adopt(minutes: Minutes) -> Resolution:
    meeting = minutes.meeting
    consultation = meeting.consultation
    now = timezone.now()
    minutes.status = Minutes.Status.CONFIRMED
    minutes.confirmed_at = now
    minutes.save(update_fields=["status", "confirmed_at"])
    resolution = Resolution.objects.create(
        community=meeting.community,
        consultation=consultation,
        minutes=minutes,
        title=_("Resolution of %(title)s") % {"title": meeting.title},
        text=minutes.decisions,
        adopted_at=now,
    )
    record(
        actor=None,
        action="consultation.resolution_adopted",
        target=resolution,
        community=meeting.community,
        data={"minutes": minutes.pk},
    )
    # The opinion is recorded in the name of who sent the minutes out, if they still
    # serve on the committee; otherwise the committee records it with the usual step.

    actor = minutes.circulated_by
    if (
        consultation.state == State.HELD
        and actor is not None
        and manages_consultations(actor, consultation.community)
    ):
        deliberation_services.record_opinion(
            actor=actor, consultation=consultation, opinion=minutes.decisions
        )
    return resolution


# ---------------------------------------------------------------------------
# Follow-up items
# ---------------------------------------------------------------------------
def default_due_on(community: Any) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(
        days=community.policy.followup_due_days
    )


@transaction.atomic
def add_item(
    *,
    actor: Any,
    resolution: Resolution,
    title: str,
    owner_user: Any | None = None,
    owner_unit: str = "",
    due_on: datetime.date | None = None,
    description: str = "",
    milestones: list[str] | None = None,
) -> FollowUpItem:
    """The committee adds a follow-up item; the first one starts implementation."""
    community = resolution.community
    if not actor.has_perm("consultation.manage_followup", community):
        raise _refuse(_("Only the community's committee may do this."))
    owner_unit = owner_unit.strip()
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Say what must be done.")
    if owner_user is None and not owner_unit:
        errors["owner_unit"] = _("Choose a committee member or name a unit as owner.")
    if owner_user is not None and owner_user.pk not in {
        u.pk for u in committee_members(community)
    }:
        errors["owner_user"] = _("The owner must be a committee member.")
    due_on = due_on or default_due_on(community)
    if due_on < timezone.localdate():
        errors["due_on"] = _("The due date cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    item = FollowUpItem.objects.create(
        community=community,
        resolution=resolution,
        title=title.strip(),
        description=description.strip(),
        owner_user=owner_user,
        owner_unit=owner_unit if owner_user is None else "",
        due_on=due_on,
        created_by=actor,
    )
    Milestone.objects.bulk_create(
        Milestone(item=item, title=m.strip()) for m in milestones or [] if m.strip()
    )
    record(
        actor=actor,
        action="consultation.followup_added",
        target=item,
        community=community,
        data={"due_on": due_on.isoformat(), "owner": item.owner_label},
    )
    consultation = resolution.consultation
    if consultation.state == State.OPINION_RECORDED:
        topic_services.start_implementation(
            actor=actor, consultation=consultation, note=item.title
        )
    if owner_user is not None and owner_user != actor:
        notify(
            recipients=[owner_user],
            kind="consultation.followup_assigned",
            title=_("You own a follow-up: %(title)s") % {"title": item.title},
            body=_("Due %(due)s") % {"due": due_on.isoformat()},
            url=item_url(item),
        )
    return item


@transaction.atomic
def reach_milestone(*, actor: Any, milestone: Milestone) -> Milestone:
    if not actor.has_perm("consultation.post_progress", milestone.item):
        raise _refuse(_("Only the owner or the committee reports progress."))
    if milestone.done_at is None:
        milestone.done_at = timezone.now()
        milestone.save(update_fields=["done_at"])
    return milestone


def _clean_photos(photos: list[Any]) -> list[Any]:
    if len(photos) > PHOTOS_PER_UPDATE:
        raise _refuse(
            _("Add at most %(n)s photos to one update.") % {"n": PHOTOS_PER_UPDATE},
            "photos",
        )
    cleaned = []
    for photo in photos:
        try:
            validate_upload(photo, kinds={"image"}, max_bytes=PHOTO_MAX_BYTES)
            cleaned.append(reencode_image(photo, max_side=PHOTO_MAX_SIDE))
        except ValidationError as error:
            raise ValidationError({"photos": error.messages}) from None
    return cleaned


def post_update(
    *, actor: Any, item: FollowUpItem, text: str, photos: list[Any] | None = None
) -> ProgressUpdate:
    """The owner or the committee reports progress; followers are told."""
    if not actor.has_perm("consultation.post_progress", item):
        raise _refuse(_("Only the owner or the committee reports progress."))
    text = (text or "").strip()
    if not text:
        raise _refuse(_("Describe the progress."), "text")
    cleaned = _clean_photos(list(photos or []))
    with transaction.atomic():
        update = ProgressUpdate.objects.create(item=item, author=actor, text=text)
        for image in cleaned:
            ProgressPhoto.objects.create(update=update, image=image)
        followers = [
            f.user
            for f in item.followers.select_related("user")
            if f.user_id != actor.pk
        ]
        notify(
            recipients=followers,
            kind="consultation.followup_update",
            title=_("Progress on %(title)s") % {"title": item.title},
            body=text[:500],
            url=item_url(item),
        )
    return update


def follow(*, user: Any, item: FollowUpItem) -> FollowUpFollower:
    if not user.has_perm("consultation.follow_item", item):
        raise _refuse(_("Only verified residents of the community may follow items."))
    follower, _created = FollowUpFollower.objects.get_or_create(item=item, user=user)
    return follower


def unfollow(*, user: Any, item: FollowUpItem) -> None:
    FollowUpFollower.objects.filter(item=item, user=user).delete()


@transaction.atomic
def close_item(*, actor: Any, item: FollowUpItem, final_report: str) -> FollowUpItem:
    """Close an item with its final report; residents who took part may now rate it.

    Closing the consultation's last open item publishes its feedback (being
    implemented -> feedback published) when a committee member closes it.
    """
    if not actor.has_perm("consultation.close_followup", item):
        raise _refuse(_("Only the owner or the committee closes an open item."))
    final_report = (final_report or "").strip()
    if not final_report:
        raise _refuse(_("Write the final report."), "final_report")
    locked = FollowUpItem.objects.select_for_update().get(pk=item.pk)
    if locked.closed_at is not None:
        raise _refuse(_("This item is already closed."))
    locked.final_report = final_report
    locked.closed_at = timezone.now()
    locked.closed_by = actor
    locked.save(update_fields=["final_report", "closed_at", "closed_by"])
    for field in ("final_report", "closed_at", "closed_by"):
        setattr(item, field, getattr(locked, field))
    community = item.community
    record(
        actor=actor,
        action="consultation.followup_closed",
        target=locked,
        community=community,
        data={"overdue": locked.due_on < timezone.localdate()},
    )
    consultation = item.resolution.consultation
    people = {f.user_id: f.user for f in item.followers.select_related("user")}
    voters = _took_part_residents(consultation)
    people.update({u.pk: u for u in voters})
    people.pop(actor.pk, None)
    notify(
        recipients=list(people.values()),
        kind="consultation.followup_closed",
        title=_("Done: %(title)s. How well was it done?") % {"title": item.title},
        body=final_report[:500],
        url=item_url(item),
    )
    still_open = FollowUpItem.objects.filter(
        resolution__consultation=consultation, closed_at__isnull=True
    ).exists()
    if (
        not still_open
        and consultation.state == State.IMPLEMENTING
        and actor.has_perm("consultation.manage_consultation", community)
    ):
        reports = FollowUpItem.objects.filter(
            resolution__consultation=consultation
        ).order_by("due_on", "pk")
        feedback = "\n\n".join(f"{i.title}: {i.final_report}" for i in reports)
        topic_services.publish_feedback(
            actor=actor, consultation=consultation, feedback=feedback
        )
    return item


def _took_part_residents(consultation: Consultation) -> list[Any]:
    return list(
        verified_residents(consultation.community).filter(
            pk__in=took_part_user_ids(consultation)
        )
    )


def rate(
    *, user: Any, item: FollowUpItem, score: int, comment: str = ""
) -> FollowUpRating:
    """A resident who took part rates a closed item once (1-5, with a comment)."""
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise _refuse(_("Choose a rating from 1 to 5."), "score")
    if not user.has_perm("consultation.rate_followup", item):
        if item.ratings.filter(user=user).exists():
            raise _refuse(_("You have already rated this item."))
        if item.closed_at is None:
            raise _refuse(_("Items are rated once they are done."))
        raise _refuse(_("Only residents who took part in the consultation rate it."))
    try:
        with transaction.atomic():
            return FollowUpRating.objects.create(
                item=item, user=user, score=score, comment=(comment or "").strip()
            )
    except IntegrityError:
        raise _refuse(_("You have already rated this item.")) from None
