"""Charter writes before review: the index page, new charters and revisions,
clauses (with the penalty check), residents' opinions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.services import record
from communities import wording
from communities.models import Community, CommunityHomePage
from communities.selectors import verified_residents
from governance.charters.models import (
    CharterClause,
    CharterKind,
    CharterState,
    CharterTransition,
    CharterVersion,
    ClauseComment,
)
from governance.charters.pages import CharterIndexPage, CharterPage
from governance.charters.penalties import find_penalties
from governance.charters.services.steps import (
    RESERVED_CHARTER_SLUGS,
    S,
    lock_version,
    notify_step,
    require_permission,
)


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
            title=str(wording.term(community, "charters_and_conventions")),
            slug="charters",
            community=community,
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
    require_permission(actor.has_perm("governance.add_charter", community))
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
    notify_step(
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
    require_permission(actor.has_perm("governance.revise_charter", latest))
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
    version = lock_version(version)
    if not version.is_editable:
        raise ValidationError(
            _(
                "The text can change only while opinions are collected or in draft; "
                "this version is at the step “%(state)s”."
            )
            % {"state": CharterState(version.state).label},
            code="wrong_state",
        )
    require_permission(actor.has_perm("governance.edit_charter", version))
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
    require_permission(actor.has_perm("governance.comment_charter", version))
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
