"""Every charter write: the lifecycle state machine, clauses, opinions, the vote.

The lifecycle of a version (DESIGN.md "Charters and conventions"):

    collecting ──close_opinions──▶ draft ──submit──▶ submitted ──pass_review──▶
    review_passed ──adopt (a valid, passing vote)──▶ voted ──confirm_filing──▶
    filed ──publish──▶ published
                                  submitted ──return (with a reason)──▶ draft

`TRANSITIONS` is the whole table: no other move exists, so no step can be skipped
or repeated. Each move locks the version row, checks the state (a wrong move is a
ValidationError that says which step the version is at and what comes next), then
the actor's permission (governance/charter_rules.py), records a `CharterTransition`
(who, when, why) and an audit event.

The adoption vote: `record_adoption_vote(...)` validates a meeting record against
the community's quorum and majority (CommunitySettings.quorum_fraction and
majority_fraction: valid with MORE than that share of the electorate attending,
passed with MORE than that share of those present voting for). The consultation
app supplies its vote the same way, with `source="consultation"`, its own reference
in `source_ref` and `actor=None` (it has checked its own permissions):

    from governance.charter_services import record_adoption_vote
    record_adoption_vote(charter, electorate=..., attendance=..., women=...,
                         votes_for=..., against=..., abstain=...,
                         source="consultation", source_ref=f"consultation:{vote.pk}",
                         held_on=meeting_day)

Filing is due `CommunitySettings.charter_filing_days` (default 10) after the vote;
past that, the version is overdue on the oversight dashboards.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from communities.models import Community, CommunityHomePage, Role, RoleGrant
from governance.charter_penalties import find_penalties
from governance.charters import (
    AdoptionVote,
    CharterClause,
    CharterIndexPage,
    CharterKind,
    CharterPage,
    CharterState,
    CharterTransition,
    CharterVersion,
    ClauseComment,
)

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


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


def _locked(version: CharterVersion) -> CharterVersion:
    return (
        CharterVersion.objects.select_for_update()
        .select_related("community", "charter")
        .get(pk=version.pk)
    )


def _wrong_state(version: CharterVersion, transition: Transition) -> ValidationError:
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


def _move(
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
    version = _locked(version)
    if version.state != transition.source:
        raise _wrong_state(version, transition)
    if actor is not None and not permission_checked:
        _require(actor.has_perm(transition.permission, version))
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


# ---------------------------------------------------------------------------
# The index page and new charters
# ---------------------------------------------------------------------------
def ensure_charter_index(community: Community) -> CharterIndexPage | None:
    """The community's charters at /<slug>/charters/ (None without a home page)."""
    index = CharterIndexPage.objects.filter(community=community).first()
    if index is not None:
        return index
    home = CommunityHomePage.objects.filter(community=community).first()
    if home is None:
        return None
    return home.add_child(
        instance=CharterIndexPage(
            title=_("Charters and conventions"), slug="charters", community=community
        )
    )


def _clean_clauses(clauses: list[str | tuple[str, str]]) -> list[tuple[str, str]]:
    cleaned = []
    for clause in clauses:
        heading, text = clause if isinstance(clause, tuple) else ("", clause)
        heading, text = heading.strip(), text.strip()
        if text:
            cleaned.append((heading, text))
    return cleaned


def _unique_slug(index: CharterIndexPage, title: str, kind: str) -> str:
    base = slugify(title) or kind
    taken = set(CharterPage.objects.child_of(index).values_list("slug", flat=True))
    # /<slug>/charters/work/ and /opinions/ are the committee's and residents' pages.
    taken |= RESERVED_CHARTER_SLUGS
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def start_charter(
    *,
    actor: Any,
    community: Community,
    kind: str,
    title: str,
    clauses: list[str | tuple[str, str]],
    summary: str = "",
) -> CharterVersion:
    """A new charter: an unpublished page and its first version, collecting opinions."""
    _require(actor.has_perm("governance.add_charter", community))
    title = title.strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the charter a title.")
    if kind not in CharterKind.values:
        errors["kind"] = _("Choose what kind of charter this is.")
    cleaned = _clean_clauses(clauses)
    if not cleaned:
        errors["clauses"] = _("Write at least one clause.")
    if errors:
        raise ValidationError(errors)
    index = ensure_charter_index(community)
    if index is None:
        raise ValidationError(_("This community has no home page yet."))
    page = index.add_child(
        instance=CharterPage(
            title=title,
            slug=_unique_slug(index, title, kind),
            community=community,
            kind=kind,
            live=False,
        )
    )
    version = CharterVersion.objects.create(
        charter=page,
        community=community,
        number=1,
        title=title,
        summary=summary.strip(),
        created_by=actor,
    )
    for number, (heading, text) in enumerate(cleaned, start=1):
        _new_clause(version, number, heading, text)
    _record_start(actor, version)
    return version


def _new_clause(version, number, heading, text, key=None) -> CharterClause:
    clause = CharterClause(
        version=version,
        number=number,
        heading=heading,
        text=text,
        penalty_terms=find_penalties(f"{heading} {text}"),
    )
    if key is not None:
        clause.key = key
    clause.save()
    return clause


def _tell(recipients, version: CharterVersion, title: str, url: str) -> None:
    """Notify people of a step (their notification preferences apply)."""
    from notifications.services import notify

    if recipients:
        notify(
            recipients=list(recipients),
            kind=KIND_CHARTER_STEP,
            title=title,
            body=version.title,
            url=url,
        )


def _work_url(version: CharterVersion) -> str:
    return reverse(
        "governance:charter-version", args=[version.community.slug, version.pk]
    )


def _committee(community: Community):
    grants = RoleGrant.objects.active().filter(role=Role.COMMITTEE, community=community)
    return get_user_model().objects.filter(pk__in=grants.values("user_id"))


def _street_officers(community: Community):
    grants = RoleGrant.objects.active().filter(
        role=Role.STREET_OFFICER, region_id=community.street_id
    )
    return get_user_model().objects.filter(pk__in=grants.values("user_id"))


def _record_start(actor, version: CharterVersion) -> None:
    CharterTransition.objects.create(
        version=version,
        action="start",
        from_state="",
        to_state=S.COLLECTING,
        actor=actor,
    )
    record(
        actor=actor,
        action="governance.charter.start",
        target=version,
        community=version.community,
        data={"charter": version.charter_id, "version": version.number},
    )
    from governance.services import verified_residents

    _tell(
        verified_residents(version.community),
        version,
        _("Give your opinion on a proposed %(kind)s")
        % {"kind": version.charter.get_kind_display()},
        reverse(
            "governance:charter-opinions", args=[version.community.slug, version.pk]
        ),
    )


@transaction.atomic
def start_revision(
    *, actor: Any, charter: CharterPage, summary: str = ""
) -> CharterVersion:
    """A new version of an adopted charter, starting from the latest published text.

    Clauses keep their identity (key), so versions compare clause by clause. Penalty
    acknowledgements do not carry over: the new text is reviewed afresh.
    """
    charter = CharterPage.objects.select_for_update().get(pk=charter.pk)
    latest = charter.versions.order_by("-number").select_related("community").first()
    if latest is None or latest.state != S.PUBLISHED:
        raise ValidationError(
            _(
                "A revision starts from a published version, and this charter already "
                "has a version on its way."
            ),
            code="wrong_state",
        )
    _require(actor.has_perm("governance.revise_charter", latest))
    version = CharterVersion.objects.create(
        charter=charter,
        community=latest.community,
        number=latest.number + 1,
        title=charter.title,
        summary=summary.strip(),
        created_by=actor,
    )
    for clause in latest.clauses.all():
        _new_clause(version, clause.number, clause.heading, clause.text, clause.key)
    _record_start(actor, version)
    return version


# ---------------------------------------------------------------------------
# Clauses and opinions (while the text may change)
# ---------------------------------------------------------------------------
def _editable(actor, version: CharterVersion) -> CharterVersion:
    version = _locked(version)
    if not version.is_editable:
        raise ValidationError(
            _(
                "The text can change only while opinions are collected or in draft; "
                "this version is at the step “%(state)s”."
            )
            % {"state": CharterState(version.state).label},
            code="wrong_state",
        )
    _require(actor.has_perm("governance.edit_charter", version))
    return version


def _renumber(version: CharterVersion) -> None:
    for number, clause in enumerate(version.clauses.order_by("number", "pk"), start=1):
        if clause.number != number:
            clause.number = number
            clause.save(update_fields=["number"])


@transaction.atomic
def add_clause(
    *,
    actor: Any,
    version: CharterVersion,
    text: str,
    heading: str = "",
    after: int | None = None,
) -> CharterClause:
    """Add a clause at the end, or after clause number `after` (others move down)."""
    version = _editable(actor, version)
    heading, text = heading.strip(), text.strip()
    if not text:
        raise ValidationError({"text": _("Write the clause.")})
    last = version.clauses.aggregate(n=Max("number"))["n"] or 0
    position = last + 1 if after is None else max(1, min(after + 1, last + 1))
    for clause in version.clauses.filter(number__gte=position).order_by("-number"):
        clause.number += 1
        clause.save(update_fields=["number"])
    clause = _new_clause(version, position, heading, text)
    record(
        actor=actor,
        action="governance.charter.clause_add",
        target=clause,
        community=version.community,
        data={"version": version.pk, "number": position},
    )
    return clause


@transaction.atomic
def change_clause(
    *, actor: Any, clause: CharterClause, text: str, heading: str = ""
) -> CharterClause:
    """Revise a clause; its penalty flags are found again (a new flag needs a new
    acknowledgement)."""
    _editable(actor, clause.version)
    clause = CharterClause.objects.select_for_update().get(pk=clause.pk)
    heading, text = heading.strip(), text.strip()
    if not text:
        raise ValidationError({"text": _("Write the clause.")})
    terms = find_penalties(f"{heading} {text}")
    if terms != clause.penalty_terms:
        clause.penalty_acknowledged_at = None
        clause.penalty_acknowledged_by = None
        clause.penalty_note = ""
    clause.heading, clause.text, clause.penalty_terms = heading, text, terms
    clause.save()
    record(
        actor=actor,
        action="governance.charter.clause_change",
        target=clause,
        community=clause.version.community,
        data={"version": clause.version_id, "number": clause.number},
    )
    return clause


@transaction.atomic
def remove_clause(*, actor: Any, clause: CharterClause) -> None:
    version = _editable(actor, clause.version)
    if version.clauses.count() <= 1:
        raise ValidationError(_("A charter needs at least one clause."))
    number = clause.number
    clause.delete()
    _renumber(version)
    record(
        actor=actor,
        action="governance.charter.clause_remove",
        target=version,
        community=version.community,
        data={"number": number},
    )


@transaction.atomic
def acknowledge_penalty(*, actor: Any, clause: CharterClause, note: str) -> None:
    """The committee has reviewed a flagged clause and says why it may stand."""
    _editable(actor, clause.version)
    clause = CharterClause.objects.select_for_update().get(pk=clause.pk)
    if not clause.is_flagged:
        raise ValidationError(_("This clause has no penalty to review."))
    note = note.strip()
    if not note:
        raise ValidationError(
            {
                "note": _(
                    "Say why this clause may stand (for example, the law it cites)."
                )
            }
        )
    clause.penalty_acknowledged_at = timezone.now()
    clause.penalty_acknowledged_by = actor
    clause.penalty_note = note
    clause.save()
    record(
        actor=actor,
        action="governance.charter.penalty_acknowledge",
        target=clause,
        community=clause.version.community,
        data={"terms": clause.penalty_terms, "note": note},
    )


@transaction.atomic
def comment_on_clause(*, actor: Any, clause: CharterClause, text: str) -> ClauseComment:
    """A verified resident's opinion on one clause, while opinions are collected."""
    version = CharterVersion.objects.select_related("community").get(
        pk=clause.version_id
    )
    if version.state != S.COLLECTING:
        raise ValidationError(
            _("Opinions are no longer being collected on this charter."),
            code="wrong_state",
        )
    _require(actor.has_perm("governance.comment_charter", version))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your opinion.")})
    comment = ClauseComment.objects.create(clause=clause, author=actor, text=text)
    record(
        actor=actor,
        action="governance.charter.comment",
        target=comment,
        community=version.community,
        data={"clause": clause.pk},
    )
    return comment


# ---------------------------------------------------------------------------
# The lifecycle
# ---------------------------------------------------------------------------
@transaction.atomic
def close_opinions(*, actor: Any, version: CharterVersion) -> CharterVersion:
    return _move(version, "close_opinions", actor=actor)


def _check_submittable(version: CharterVersion) -> None:
    clauses = list(version.clauses.all())
    if not clauses:
        raise ValidationError(_("A charter needs at least one clause."))
    pending = [c.number for c in clauses if c.needs_acknowledgement]
    if pending:
        raise ValidationError(
            _(
                "Clauses %(numbers)s impose fines or other coercive penalties. Revise "
                "them or acknowledge each with a reason before submitting."
            )
            % {"numbers": ", ".join(str(n) for n in pending)},
            code="penalties",
        )


@transaction.atomic
def submit_for_review(*, actor: Any, version: CharterVersion) -> CharterVersion:
    """Send the draft to the street/town; flagged clauses must be dealt with first."""
    version = _move(
        version,
        "submit",
        actor=actor,
        check=_check_submittable,
        extra_fields={"return_reason": ""},
    )
    _tell(
        _street_officers(version.community),
        version,
        _("A charter of %(community)s awaits your review")
        % {"community": version.community.name},
        _work_url(version),
    )
    return version


@transaction.atomic
def return_for_revision(
    *, actor: Any, version: CharterVersion, reason: str
) -> CharterVersion:
    """The street/town officer sends the draft back; the committee sees the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what must change.")})
    version = _move(
        version,
        "return",
        actor=actor,
        reason=reason,
        extra_fields={"return_reason": reason},
    )
    _tell(
        _committee(version.community),
        version,
        _("The street/town returned a charter for revision"),
        _work_url(version),
    )
    return version


@transaction.atomic
def pass_review(*, actor: Any, version: CharterVersion) -> CharterVersion:
    return _move(version, "pass_review", actor=actor)


@dataclass(frozen=True)
class VoteOutcome:
    quorate: bool
    passed: bool
    quorum_needed: int  # the least attendance that is MORE than the share
    majority_needed: int  # the fewest votes for that are MORE than the share


def _more_than(share: Decimal, total: int) -> int:
    """The smallest whole number strictly greater than share × total."""
    return int((Decimal(total) * share).to_integral_value(rounding="ROUND_FLOOR")) + 1


def assess_vote(
    community: Community,
    *,
    electorate: int,
    attendance: int,
    women: int,
    votes_for: int,
    against: int,
    abstain: int,
) -> VoteOutcome:
    """Check a meeting record's numbers, then quorum and majority (no writes).

    Raises ValidationError when the numbers contradict each other.
    """
    numbers = {
        "electorate": electorate,
        "attendance": attendance,
        "women": women,
        "votes_for": votes_for,
        "against": against,
        "abstain": abstain,
    }
    errors: dict[str, str] = {}
    for field, value in numbers.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[field] = _("Enter a whole number, zero or more.")
    if errors:
        raise ValidationError(errors)
    if electorate < 1:
        errors["electorate"] = _("The electorate must be at least one person.")
    if attendance > electorate:
        errors["attendance"] = _(
            "More people attended (%(attendance)d) than are entitled to vote "
            "(%(electorate)d)."
        ) % {"attendance": attendance, "electorate": electorate}
    if women > attendance:
        errors["women"] = _(
            "More women attended (%(women)d) than people attended (%(attendance)d)."
        ) % {"women": women, "attendance": attendance}
    if votes_for + against + abstain > attendance:
        errors["votes_for"] = _(
            "For, against and abstaining add up to %(total)d, more than the "
            "%(attendance)d people attending."
        ) % {"total": votes_for + against + abstain, "attendance": attendance}
    if errors:
        raise ValidationError(errors)
    policy = community.policy
    quorum_needed = _more_than(Decimal(policy.quorum_fraction), electorate)
    majority_needed = _more_than(Decimal(policy.majority_fraction), attendance)
    quorate = attendance >= quorum_needed
    return VoteOutcome(
        quorate=quorate,
        passed=quorate and votes_for >= majority_needed,
        quorum_needed=quorum_needed,
        majority_needed=majority_needed,
    )


@transaction.atomic
def record_adoption_vote(
    charter: CharterPage | CharterVersion,
    *,
    electorate: int,
    attendance: int,
    women: int,
    votes_for: int,
    against: int,
    abstain: int,
    source: str = AdoptionVote.Source.MEETING,
    source_ref: str = "",
    held_on: datetime.date | None = None,
    actor: Any | None = None,
) -> AdoptionVote:
    """Record the vote on the charter's version that passed review.

    `charter` is the charter page (its version on its way is used) or the version.
    Every record is kept. A valid, passing vote moves the version to "voted" and
    sets the filing due date; a vote without quorum or majority leaves it at
    "review passed" (another meeting may vote). Inconsistent numbers are refused
    with a ValidationError naming the field, and nothing is saved.

    `actor` is the committee member typing in the meeting record; the consultation
    app passes None (it has checked its own permissions) and names its vote in
    `source_ref`.
    """
    if isinstance(charter, CharterPage):
        version = charter.versions.exclude(state=S.PUBLISHED).first()
        if version is None:
            raise ValidationError(
                _("This charter has no version waiting for a vote."),
                code="wrong_state",
            )
    else:
        version = charter
    version = _locked(version)
    transition = TRANSITIONS["adopt"]
    if version.state != transition.source:
        raise _wrong_state(version, transition)
    if actor is not None:
        _require(actor.has_perm(transition.permission, version))
    if source not in AdoptionVote.Source.values:
        raise ValidationError({"source": _("Unknown source of the vote.")})
    held_on = held_on or timezone.localdate()
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The meeting cannot be in the future.")})
    outcome = assess_vote(
        version.community,
        electorate=electorate,
        attendance=attendance,
        women=women,
        votes_for=votes_for,
        against=against,
        abstain=abstain,
    )
    vote = AdoptionVote.objects.create(
        version=version,
        held_on=held_on,
        electorate=electorate,
        attendance=attendance,
        women=women,
        votes_for=votes_for,
        against=against,
        abstain=abstain,
        quorate=outcome.quorate,
        passed=outcome.passed,
        source=source,
        source_ref=source_ref,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    data = {
        "vote": vote.pk,
        "electorate": electorate,
        "attendance": attendance,
        "women": women,
        "for": votes_for,
        "against": against,
        "abstain": abstain,
        "quorate": outcome.quorate,
        "passed": outcome.passed,
        "source": source,
    }
    if not outcome.passed:
        record(
            actor=actor,
            action="governance.charter.vote_failed",
            target=version,
            community=version.community,
            data=data,
        )
        return vote
    days = version.community.policy.charter_filing_days
    _move(
        version,
        "adopt",
        actor=actor,
        permission_checked=True,
        data=data,
        extra_fields={
            "voted_on": held_on,
            "filing_due_on": held_on + datetime.timedelta(days=days),
        },
    )
    return vote


@transaction.atomic
def confirm_filing(*, actor: Any, version: CharterVersion) -> CharterVersion:
    """The street/town officer confirms the adopted charter is filed (备案)."""
    locked = _locked(version)
    late = locked.filing_overdue
    return _move(
        locked,
        "confirm_filing",
        actor=actor,
        data={"late": late},
        extra_fields={"filed_at": timezone.now(), "filed_by": actor},
    )


@transaction.atomic
def publish(
    *, actor: Any, version: CharterVersion, in_force_on: datetime.date
) -> CharterVersion:
    """Publish the filed version with its in-force date; the public page goes live
    (or shows the new version from that date). Earlier versions stay public."""

    def check(locked: CharterVersion) -> None:
        if in_force_on is None:
            raise ValidationError(
                {"in_force_on": _("Give the date it comes into force.")}
            )
        if locked.voted_on and in_force_on < locked.voted_on:
            raise ValidationError(
                {
                    "in_force_on": _(
                        "It cannot come into force before it was adopted (%(day)s)."
                    )
                    % {"day": locked.voted_on.isoformat()}
                }
            )
        earlier = (
            CharterVersion.objects.filter(
                charter_id=locked.charter_id, state=S.PUBLISHED
            )
            .order_by("-in_force_on")
            .values_list("in_force_on", flat=True)
            .first()
        )
        if earlier and in_force_on <= earlier:
            raise ValidationError(
                {
                    "in_force_on": _(
                        "It must come into force after the version before it (%(day)s)."
                    )
                    % {"day": earlier.isoformat()}
                }
            )

    version = _move(
        version,
        "publish",
        actor=actor,
        check=check,
        data={"in_force_on": in_force_on.isoformat() if in_force_on else None},
        extra_fields={"in_force_on": in_force_on, "published_at": timezone.now()},
    )
    page = CharterPage.objects.get(pk=version.charter_id)
    if page.title != version.title or not page.live:
        page.title = version.title
        # The lifecycle decided who may publish (governance.publish_charter).
        page.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
    return version
