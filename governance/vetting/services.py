"""Every write of the joint qualification review (任职资格联审): the district's
lists and settings, review rounds, candidates, department results, closing, and
the district's exceptions. Keyword-only, one transaction each, audited.

Rules (issue 14 §2; docs/architecture.md "governance"):
- a round has at least one department and one candidate, each person once;
  departments and grounds come from the community's district and are in use;
- a result is for a candidate and a department of the round; a fail names a ground
  of the round (and may carry a note); a pass names none; the street officer
  records it on the department's behalf (who and when are kept); a result may be
  corrected while the round is open;
- a round closes only with every candidate × department cell recorded;
- a candidate passes only when every department of the round passed them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.models import Community, Region
from governance.vetting import selectors
from governance.vetting.models import (
    ReviewCandidate,
    ReviewDepartment,
    ReviewException,
    ReviewGround,
    ReviewResult,
    ReviewRound,
    VettingSettings,
)

# The defaults a district starts with (issue 14 §2; the 2020 中组部·民政部 notice
# on the 村(社区)“两委” elections lists the departments of the 联审 and the
# negative list; DOMAIN-RULES.md §2-§3 do not cover it, so these are editable).
DEFAULT_DEPARTMENTS = [
    "组织部门",
    "民政部门",
    "公安机关",
    "检察院",
    "法院",
    "信访部门",
    "纪检监察机关",
    "司法行政部门",
]
DEFAULT_GROUNDS = [
    "受过刑事处罚",
    "存在“村霸”和涉黑涉恶、涉邪教等问题",
    "参加邪教组织",
    "被列为失信被执行人",
    "受到党纪政务处分尚未超过所受纪律处分有关任职限制期限",
    "涉嫌违纪违法正在接受审查调查",
    "煽动群众闹事、扰乱公共秩序",
    "长期外出不能正常履职",
]


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


# ---------------------------------------------------------------------------
# The district's lists and settings
# ---------------------------------------------------------------------------
@transaction.atomic
def ensure_defaults(*, district: Region) -> None:
    """Seed the district's departments and grounds on first use (idempotent)."""
    if not ReviewDepartment.objects.filter(district=district).exists():
        ReviewDepartment.objects.bulk_create(
            ReviewDepartment(district=district, name=name, order=10 * n)
            for n, name in enumerate(DEFAULT_DEPARTMENTS, start=1)
        )
    if not ReviewGround.objects.filter(district=district).exists():
        ReviewGround.objects.bulk_create(
            ReviewGround(district=district, name=name, order=10 * n)
            for n, name in enumerate(DEFAULT_GROUNDS, start=1)
        )


@transaction.atomic
def save_settings(
    *, actor: Any, district: Region, validity_days: int, one_shoulder_target: int
) -> VettingSettings:
    _require(actor.has_perm("governance.configure_vetting", district))
    policy, _created = VettingSettings.objects.select_for_update().get_or_create(
        district=district
    )
    policy.validity_days = validity_days
    policy.one_shoulder_target = one_shoulder_target
    policy.full_clean()
    policy.save()
    record(
        actor=actor,
        action="governance.vetting.settings",
        target=policy,
        data={
            "validity_days": validity_days,
            "one_shoulder_target": one_shoulder_target,
        },
    )
    return policy


def _list_model(kind: str) -> type[ReviewDepartment] | type[ReviewGround]:
    return ReviewDepartment if kind == "department" else ReviewGround


@transaction.atomic
def add_list_item(
    *, actor: Any, district: Region, kind: str, name: str
) -> ReviewDepartment | ReviewGround:
    """Add a department (`kind="department"`) or a ground (`kind="ground"`)."""
    _require(actor.has_perm("governance.configure_vetting", district))
    model = _list_model(kind)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter a name.")})
    if model.objects.filter(district=district, name=name).exists():
        raise ValidationError({"name": _("The district's list already has this.")})
    item = model.objects.create(district=district, name=name, order=900)
    record(
        actor=actor,
        action=f"governance.vetting.{kind}.add",
        target=item,
        data={"name": name},
    )
    return item


@transaction.atomic
def set_list_item_in_use(
    *, actor: Any, item: ReviewDepartment | ReviewGround, in_use: bool
) -> ReviewDepartment | ReviewGround:
    """Retire an item from the list (rounds keep it) or bring it back."""
    _require(actor.has_perm("governance.configure_vetting", item.district))
    item = type(item).objects.select_for_update().get(pk=item.pk)
    item.is_active = in_use
    item.save(update_fields=["is_active"])
    kind = "department" if isinstance(item, ReviewDepartment) else "ground"
    record(
        actor=actor,
        action=f"governance.vetting.{kind}.{'restore' if in_use else 'retire'}",
        target=item,
    )
    return item


# ---------------------------------------------------------------------------
# Rounds
# ---------------------------------------------------------------------------
def _check_people(people: list[Any]) -> None:
    if not people:
        raise ValidationError({"candidates": _("Add at least one candidate.")})
    seen: set[int] = set()
    for person in people:
        if person.pk in seen:
            raise ValidationError(
                {
                    "candidates": _("%(name)s is named twice.")
                    % {"name": person.public_name}
                }
            )
        seen.add(person.pk)


@transaction.atomic
def open_round(
    *,
    actor: Any,
    community: Community,
    purpose: str,
    departments: list[ReviewDepartment],
    grounds: list[ReviewGround],
    people: list[Any],
) -> ReviewRound:
    """Open a review round for a community with its candidates."""
    _require(actor.has_perm("governance.open_review_round", community))
    district = selectors.district_of(community)
    if not departments:
        raise ValidationError({"departments": _("Choose at least one department.")})
    if not grounds:
        raise ValidationError({"grounds": _("Choose at least one ground.")})
    if any(d.district_id != district.pk or not d.is_active for d in departments):
        raise ValidationError(
            {"departments": _("Choose departments of the community's district.")}
        )
    if any(g.district_id != district.pk or not g.is_active for g in grounds):
        raise ValidationError(
            {"grounds": _("Choose grounds of the community's district.")}
        )
    _check_people(people)
    review = ReviewRound.objects.create(
        community=community, purpose=purpose, opened_by=actor
    )
    review.departments.set(departments)
    review.grounds.set(grounds)
    ReviewCandidate.objects.bulk_create(
        ReviewCandidate(review=review, person=person) for person in people
    )
    record(
        actor=actor,
        action="governance.vetting.round.open",
        target=review,
        community=community,
        data={
            "purpose": purpose,
            "departments": [d.pk for d in departments],
            "grounds": [g.pk for g in grounds],
            "candidates": [p.pk for p in people],
        },
    )
    return review


def _locked_open(review: ReviewRound, actor: Any) -> ReviewRound:
    review = (
        ReviewRound.objects.select_for_update()
        .select_related("community__street")
        .get(pk=review.pk)
    )
    _require(actor.has_perm("governance.change_review_round", review))
    return review


@transaction.atomic
def add_candidate(*, actor: Any, review: ReviewRound, person: Any) -> ReviewCandidate:
    review = _locked_open(review, actor)
    if review.candidates.filter(person=person).exists():
        raise ValidationError(
            _("%(name)s is already a candidate of this round.")
            % {"name": person.public_name}
        )
    candidate = ReviewCandidate.objects.create(review=review, person=person)
    record(
        actor=actor,
        action="governance.vetting.candidate.add",
        target=review,
        community=review.community,
        data={"person": person.pk},
    )
    return candidate


@transaction.atomic
def record_result(
    *,
    actor: Any,
    review: ReviewRound,
    candidate: ReviewCandidate,
    department: ReviewDepartment,
    passed: bool,
    ground: ReviewGround | None = None,
    note: str = "",
) -> ReviewResult:
    """Record (or correct, while the round is open) a department's result."""
    review = _locked_open(review, actor)
    if candidate.review_id != review.pk:
        raise ValidationError(
            {"candidate": _("This person is not a candidate of this round.")}
        )
    if not review.departments.filter(pk=department.pk).exists():
        raise ValidationError(
            {"department": _("This department does not review in this round.")}
        )
    if passed and ground is not None:
        raise ValidationError(
            {"ground": _("A pass has no ground; choose “fail” to give one.")}
        )
    if not passed:
        if ground is None:
            raise ValidationError(
                {"ground": _("Give the ground of the negative list for a fail.")}
            )
        if not review.grounds.filter(pk=ground.pk).exists():
            raise ValidationError(
                {"ground": _("This ground is not on this round's negative list.")}
            )
    result, created = ReviewResult.objects.update_or_create(
        candidate=candidate,
        department=department,
        defaults={
            "passed": passed,
            "ground": ground,
            "note": note.strip(),
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    record(
        actor=actor,
        action="governance.vetting.result",
        target=review,
        community=review.community,
        data={
            "candidate": candidate.person_id,
            "department": department.pk,
            "passed": passed,
            "ground": ground.pk if ground else None,
            "correction": not created,
        },
    )
    return result


@transaction.atomic
def close_round(*, actor: Any, review: ReviewRound) -> ReviewRound:
    """Close the round: every department has answered for every candidate."""
    review = _locked_open(review, actor)
    missing = selectors.missing_results(review)
    if missing:
        raise ValidationError(
            _(
                "%(count)d results are still missing; every department answers for "
                "every candidate before the round closes."
            )
            % {"count": missing}
        )
    review.closed_on = timezone.localdate()
    review.closed_by = actor
    review.save(update_fields=["closed_on", "closed_by"])
    record(
        actor=actor,
        action="governance.vetting.round.close",
        target=review,
        community=review.community,
    )
    return review


# ---------------------------------------------------------------------------
# Exceptions
# ---------------------------------------------------------------------------
@transaction.atomic
def grant_exception(
    *, actor: Any, community: Community, person: Any, reason: str
) -> ReviewException:
    """The district lets a person hold a 两委 term without a passed review."""
    _require(actor.has_perm("governance.grant_review_exception", community))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the exception.")})
    if ReviewException.objects.filter(community=community, person=person).exists():
        raise ValidationError(
            _("An exception is already recorded for %(name)s in this community.")
            % {"name": person.public_name}
        )
    exception = ReviewException.objects.create(
        community=community, person=person, reason=reason, granted_by=actor
    )
    record(
        actor=actor,
        action="governance.vetting.exception",
        target=exception,
        community=community,
        data={"person": person.pk, "reason": reason},
    )
    return exception
