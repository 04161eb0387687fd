"""Writes of matching: invitations to shifts and retiring a person's cached
suggestions when their profile changes."""

from __future__ import annotations

import datetime
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from notifications.services import notify
from volunteers.matching.models import Invitation
from volunteers.matching.selectors import (
    LIVE,
    profile_version_key,
    suggested_volunteers,
)
from volunteers.shifts import services as shift_services
from volunteers.shifts.models import Shift, SignUp

INVITATION_SALT = "volunteers.invitation"
INVITATION_MAX_AGE = datetime.timedelta(days=90)


def retire_suggestions(user_id: int) -> None:
    """Change the person's profile version, retiring their cached "for you" list."""
    key = profile_version_key(user_id)
    if cache.add(key, 1, None):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, None)


# ---------------------------------------------------------------------------
# Invitations
# ---------------------------------------------------------------------------
def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None when the link is altered or too old."""
    try:
        pk = signing.loads(
            token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE.total_seconds()
        )
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("shift__activity__community", "volunteer")
        .filter(pk=pk)
        .first()
    )


@transaction.atomic
def invite(*, actor: Any, shift: Shift, volunteer: Any) -> Invitation:
    """Invite a suggested volunteer to a shift: a notification with a sign-up link.

    Only for a published shift with places left, only people the suggestions
    would list (active, old enough, free, not signed up), and only once per
    person and shift. Audited.
    """
    shift = Shift.objects.select_related("activity__community").get(pk=shift.pk)
    if shift.starts_at <= timezone.now():
        raise ValidationError(_("This shift has already started."))
    if not shift.activity.is_published:
        raise ValidationError(_("Publish the activity before inviting volunteers."))
    taken = SignUp.objects.filter(shift=shift, status=SignUp.Status.CONFIRMED).count()
    if taken >= shift.capacity:
        raise ValidationError(_("This shift has no places left to invite anyone to."))
    if Invitation.objects.filter(shift=shift, volunteer=volunteer).exists():
        raise ValidationError(
            _("This volunteer has already been invited to this shift.")
        )
    found = suggested_volunteers(shift, limit=1, only=volunteer)
    match = found[0] if found else None
    if match is None:
        raise ValidationError(
            _(
                "This person cannot be invited: they are not a suggested volunteer for this shift."
            )
        )
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                shift=shift,
                volunteer=volunteer,
                invited_by=actor,
                reasons=[[r.kind, r.detail] for r in match.reasons],
            )
    except IntegrityError:
        raise ValidationError(
            _("This volunteer has already been invited to this shift.")
        ) from None
    activity = shift.activity
    when = timezone.localtime(shift.starts_at).strftime("%Y-%m-%d %H:%M")
    notify(
        recipients=volunteer,
        kind="volunteers.invited",
        title=_("You are invited to volunteer: %(activity)s")
        % {"activity": activity.title},
        body=_(
            "A coordinator suggests the shift of %(when)s at %(place)s. Why you: "
            "%(reasons)s. Open the link to take a place with one click."
        )
        % {
            "when": when,
            "place": activity.place,
            "reasons": "; ".join(match.volunteer_reasons),
        },
        url=reverse("volunteers:invitation", args=[invitation_token(invitation)]),
    )
    record(
        actor=actor,
        action="volunteers.volunteer_invited",
        target=invitation,
        community=activity.community,
        data={"shift": shift.pk, "volunteer": volunteer.pk},
    )
    return invitation


@transaction.atomic
def accept_invitation(*, user: Any, invitation: Invitation) -> SignUp:
    """Take the invited place through the ordinary sign-up service.

    Idempotent: accepting again returns the sign-up already made. Every sign-up
    rule (capacity and waitlist, age, overlap, active profile) still applies.
    """
    if invitation.volunteer_id != user.pk:
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    existing = (
        SignUp.objects.filter(LIVE, shift_id=invitation.shift_id, volunteer=user)
        .order_by("pk")
        .first()
    )
    signup = existing or shift_services.sign_up(volunteer=user, shift=invitation.shift)
    if invitation.accepted_at is None:
        invitation.accepted_at = timezone.now()
        invitation.signup = signup
        invitation.save(update_fields=["accepted_at", "signup"])
        shift = invitation.shift
        record(
            actor=user,
            action="volunteers.invitation_accepted",
            target=invitation,
            community=shift.activity.community,
            data={"shift": shift.pk, "status": signup.status},
        )
    return signup
