"""Every write to bodies and terms of office.

Rules enforced here (DESIGN.md, DOMAIN-RULES.md §1):
- the supervision committee has at most five members at a time and exactly one
  chair; it is complete only with three to five (shown as a warning, not refused,
  since members are appointed one by one);
- nobody sits on the supervision committee and on the residents'/villagers'
  committee or the Party committee (两委) at the same time, in either order;
- a chair (主任, 书记) is one per body at a time; a person holds one office per body;
- a 两委 term needs a passed, current joint qualification review of the community
  (任职资格联审, governance.vetting) or the district's recorded exception;
- a 两委 term carries the community's committee role: appointing grants it for the
  term's dates (or shares the grant another 两委 term of the person already
  carries), ending the term moves the grant's end to the last day of the longest
  term still sharing it. A committee grant given by hand on the grants page is
  left alone (the grants page manages it).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.models import Community
from communities.roles import services as role_services
from communities.roles.models import Role, RoleGrant
from governance.bodies.models import (
    CHAIR_POSITIONS,
    OTHER_POSITIONS,
    PARTY_POSITIONS,
    SUPERVISION_MAX_MEMBERS,
    Body,
    Preset,
    Term,
)
from governance.bodies.photos import normalise_photo
from governance.vetting.selectors import may_hold_two_committee_term

MAIN_BODIES = [
    (Body.Kind.COMMITTEE, 10),
    (Body.Kind.PARTY, 20),
    (Body.Kind.SUPERVISION, 30),
]


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


# ---------------------------------------------------------------------------
# Setting a community up
# ---------------------------------------------------------------------------
def ensure_bodies(community: Community) -> list[Body]:
    """The three main bodies and the standard sub-committees, once per community.

    Idempotent: a dissolved or renamed sub-committee stays as the committee left it.
    """
    existing = {
        (body.kind, body.preset): body
        for body in Body.objects.filter(community=community)
    }
    for kind, order in MAIN_BODIES:
        if (kind, "") not in existing:
            existing[(kind, "")] = Body.objects.create(
                community=community, kind=kind, order=order
            )
    for index, preset in enumerate(Preset):
        key = (Body.Kind.SUBCOMMITTEE, preset.value)
        if key not in existing:
            existing[key] = Body.objects.create(
                community=community,
                kind=Body.Kind.SUBCOMMITTEE,
                preset=preset,
                order=50 + index,
            )
    return list(Body.objects.filter(community=community))


# ---------------------------------------------------------------------------
# Bodies
# ---------------------------------------------------------------------------
@transaction.atomic
def add_subcommittee(*, actor: Any, community: Community, name: str) -> Body:
    """Add a sub-committee to the community's list (e.g. 老年人和妇女儿童工作)."""
    _require(actor.has_perm("governance.manage_body", community))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the sub-committee a name.")})
    names = {str(b.display_name) for b in Body.objects.filter(community=community)}
    if name in names:
        raise ValidationError({"name": _("A body with this name already exists.")})
    body = Body.objects.create(
        community=community, kind=Body.Kind.SUBCOMMITTEE, name=name, order=90
    )
    record(
        actor=actor,
        action="governance.body.create",
        target=body,
        community=community,
        data={"name": name},
    )
    return body


@transaction.atomic
def dissolve_subcommittee(*, actor: Any, body: Body) -> Body:
    """Take a sub-committee off the list; refused while someone holds office in it."""
    _require(actor.has_perm("governance.manage_body", body.community))
    body = Body.objects.select_for_update().get(pk=body.pk)
    if body.kind != Body.Kind.SUBCOMMITTEE:
        raise ValidationError(_("Only sub-committees can be dissolved."))
    if body.terms.current().exists():
        raise ValidationError(
            _("Someone still holds office in %(body)s; end their terms first.")
            % {"body": body.display_name}
        )
    body.is_active = False
    body.save(update_fields=["is_active"])
    record(
        actor=actor,
        action="governance.body.dissolve",
        target=body,
        community=body.community,
    )
    return body


# ---------------------------------------------------------------------------
# Terms of office
# ---------------------------------------------------------------------------
def _check_position(body: Body, position: str) -> None:
    allowed = PARTY_POSITIONS if body.kind == Body.Kind.PARTY else OTHER_POSITIONS
    if position not in allowed:
        if body.kind == Body.Kind.PARTY:
            message = _(
                "The Party committee has a secretary, deputy secretaries and members."
            )
        else:
            message = _("%(body)s has a chair, vice chairs and members.") % {
                "body": body.display_name
            }
        raise ValidationError({"position": message})


def _check_appointment(
    *,
    body: Body,
    person: Any,
    position: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
) -> None:
    """Raise ValidationError with the reason if this appointment breaks a rule."""
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("A term cannot end before it starts.")})
    _check_position(body, position)
    name = person.public_name
    overlapping = Term.objects.overlapping(starts_on, ends_on)
    in_body = overlapping.filter(body=body)
    if in_body.filter(person=person).exists():
        raise ValidationError(
            _("%(name)s already holds an office in %(body)s for these dates.")
            % {"name": name, "body": body.display_name}
        )
    if position in CHAIR_POSITIONS:
        chair = (
            in_body.filter(position__in=CHAIR_POSITIONS)
            .select_related("person")
            .first()
        )
        if chair is not None:
            raise ValidationError(
                {
                    "position": _(
                        "%(body)s already has a chair (%(name)s), and a body has "
                        "exactly one. End that term first."
                    )
                    % {"body": body.display_name, "name": chair.person.public_name}
                }
            )
    community_terms = overlapping.filter(
        body__community_id=body.community_id, person=person
    )
    if body.is_supervision:
        if in_body.count() >= SUPERVISION_MAX_MEMBERS:
            raise ValidationError(
                _(
                    "The supervision committee already has %(count)d members, the "
                    "most it may have. End a term before appointing someone new."
                )
                % {"count": SUPERVISION_MAX_MEMBERS}
            )
        conflict = (
            community_terms.filter(
                body__kind__in=[Body.Kind.COMMITTEE, Body.Kind.PARTY]
            )
            .select_related("body", "body__community")
            .first()
        )
        if conflict is not None:
            raise ValidationError(
                _(
                    "%(name)s sits on the %(body)s. The supervision committee "
                    "oversees the residents' or villagers' committee and the Party "
                    "committee, so their members cannot serve on it."
                )
                % {"name": name, "body": conflict.body.display_name}
            )
    elif body.is_two_committees and (
        community_terms.filter(body__kind=Body.Kind.SUPERVISION).exists()
    ):
        raise ValidationError(
            _(
                "%(name)s sits on the supervision committee, which oversees the "
                "%(body)s, so they cannot serve on it. End their supervision term "
                "first."
            )
            % {"name": name, "body": body.display_name}
        )


def _check_review(*, body: Body, person: Any) -> None:
    if not may_hold_two_committee_term(community=body.community, person=person):
        raise ValidationError(
            _(
                "%(name)s has not passed a current joint qualification review of "
                "this community, and the district has recorded no exception for "
                "them. The street reviews candidates before a 两委 term."
            )
            % {"name": person.public_name}
        )


def _later(a: datetime.date | None, b: datetime.date | None) -> datetime.date | None:
    """The later of two last days, where None (no end yet) is the latest."""
    if a is None or b is None:
        return None
    return max(a, b)


def _committee_grant_for(*, actor: Any, term: Term) -> RoleGrant | None:
    """The committee grant a new 两委 term carries (see the module's rules)."""
    community = term.body.community
    grants = RoleGrant.objects.filter(
        user=term.person, role=Role.COMMITTEE, community=community, revoked_at=None
    )
    shared = (
        grants.filter(terms__isnull=False)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=term.starts_on))
        .distinct()
        .first()
    )
    if shared is not None:
        return role_services.set_term_grant_end(
            actor=actor, grant=shared, ends_on=_later(shared.ends_on, term.ends_on)
        )
    if grants.active().filter(terms__isnull=True).exists():
        return None  # given by hand: the grants page keeps managing it
    return role_services.grant_role_for_term(
        actor=actor,
        user=term.person,
        community=community,
        starts_on=term.starts_on,
        ends_on=term.ends_on,
    )


@transaction.atomic
def appoint_term(
    *,
    actor: Any,
    body: Body,
    person: Any,
    position: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    photo: Any | None = None,
) -> Term:
    """Appoint a person to a position in a body, after checking every rule above.

    A 两委 term needs a passed review and grants the committee role in the same
    transaction. An uploaded photo is re-encoded without metadata
    (governance.bodies.photos).
    """
    _require(actor.has_perm("governance.change_term", body.community))
    # One appointment per body at a time, so two clerks cannot both fill seat five.
    body = Body.objects.select_for_update().select_related("community").get(pk=body.pk)
    if not body.is_active:
        raise ValidationError(_("This body was dissolved."))
    _check_appointment(
        body=body,
        person=person,
        position=position,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    if body.is_two_committees:
        _check_review(body=body, person=person)
    term = Term(
        body=body,
        person=person,
        position=position,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    if photo:
        term.photo = normalise_photo(photo)
    term.save()
    if body.is_two_committees:
        term.role_grant = _committee_grant_for(actor=actor, term=term)
        term.save(update_fields=["role_grant"])
    record(
        actor=actor,
        action="governance.term.appoint",
        target=term,
        community=body.community,
        data={
            "body": str(body.display_name),
            "person": person.pk,
            "position": position,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
        },
    )
    return term


@transaction.atomic
def end_term(*, actor: Any, term: Term, ends_on: datetime.date | None = None) -> Term:
    """End a term on a day (today unless given): the last day in office. The
    committee grant the term carries ends with it, unless another 两委 term of
    the person still shares it."""
    _require(actor.has_perm("governance.change_term", term.body.community))
    term = (
        Term.objects.select_for_update()
        .select_related("body__community")
        .get(pk=term.pk)
    )
    ends_on = ends_on or timezone.localdate()
    if term.ends_on is not None and term.ends_on < timezone.localdate():
        raise ValidationError(_("This term has already ended."))
    if ends_on < term.starts_on:
        raise ValidationError(_("A term cannot end before it starts."))
    term.ends_on = ends_on
    term.save(update_fields=["ends_on"])
    if term.role_grant_id is not None:
        last_day: datetime.date | None = ends_on
        for other in Term.objects.filter(role_grant_id=term.role_grant_id).exclude(
            pk=term.pk
        ):
            last_day = _later(last_day, other.ends_on)
        role_services.set_term_grant_end(
            actor=actor, grant=term.role_grant, ends_on=last_day
        )
    record(
        actor=actor,
        action="governance.term.end",
        target=term,
        community=term.body.community,
        data={"ends_on": ends_on.isoformat()},
    )
    return term
