"""Applying for assistance: starting a draft (by the resident or, 代办, by a
coordinator or officer at any service point), saving it (its rows replaced in one
transaction), submitting and resubmitting it after a request for missing items,
withdrawing it, and the one appeal against a refusal.

A draft may be incomplete; a submission is checked whole (`submission_errors`)
and nothing of it is saved when a check fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.cases import workflow
from assistance.cases.access import phone_digest
from assistance.cases.models import (
    Attachment,
    AttachmentKind,
    Case,
    ExpenseItem,
    HouseholdMember,
    IncomeItem,
    Kind,
    MissingItemsRequest,
    PropertyItem,
    Relationship,
    State,
    TemporaryCause,
)
from assistance.cases.notify import tell_applicant
from assistance.decisions.models import Appeal
from assistance.handling.services import notify_staff_of_submission
from communities.models import Community, Household, Membership

REQUIRED_DOCUMENTS = (
    AttachmentKind.ID_CARD,
    AttachmentKind.HOUSEHOLD_REGISTER,
    AttachmentKind.CHECK_AUTHORISATION,
)
# Documents of which a case keeps one: a new upload replaces the old one.
SINGLE_DOCUMENTS = REQUIRED_DOCUMENTS
MAX_MEMBERS = 30
MAX_ROWS = 30


@dataclass
class ApplicationData:
    """What the form gives the service: the case's fields and each section's rows
    (`incomes[i]["member"]` is the position of a row in `members`, or None)."""

    fields: dict[str, Any]
    members: list[dict[str, Any]] = field(default_factory=list)
    incomes: list[dict[str, Any]] = field(default_factory=list)
    properties: list[dict[str, Any]] = field(default_factory=list)
    expenses: list[dict[str, Any]] = field(default_factory=list)
    uploads: dict[str, Any] = field(default_factory=dict)


def household_of(user: Any, community: Community) -> Household | None:
    membership = (
        Membership.objects.verified()
        .filter(user=user, community=community)
        .select_related("household")
        .first()
    )
    return membership.household if membership else None


def _person_name(user: Any) -> str:
    return (user.real_name or user.display_name or "")[:60]


@transaction.atomic
def start_application(
    *, user: Any, community: Community, kind: str, temporary_cause: str = ""
) -> Case:
    """A resident's draft for their own verified household."""
    household = household_of(user, community)
    if household is None:
        raise ValidationError(
            _("Only a verified resident can apply for their household.")
        )
    case = Case.objects.create(
        community=community,
        household=household,
        applicant=user,
        applicant_name=_person_name(user),
        applicant_phone=getattr(user, "phone", "") or "",
        filed_by=user,
        kind=kind,
        temporary_cause=temporary_cause if kind == Kind.TEMPORARY else "",
    )
    workflow.note_step(case, "draft", actor=user)
    return case


@transaction.atomic
def start_proxy_application(
    *,
    filer: Any,
    community: Community,
    service_point: str,
    kind: str,
    temporary_cause: str = "",
    household: Household | None = None,
    applicant: Any = None,
    applicant_name: str = "",
    applicant_phone: str = "",
) -> Case:
    """代办: a coordinator or officer files for a resident at their service point;
    the case belongs to the household's community (and so to its street)."""
    if household is not None and household.community_id != community.pk:
        raise ValidationError(
            {"household": _("This household is not in the community.")}
        )
    if applicant is not None:
        own = household_of(applicant, community)
        if own is None or (household is not None and own.pk != household.pk):
            raise ValidationError(
                {
                    "account": _(
                        "This person is not a verified resident of the household."
                    )
                }
            )
        household = own
    name = (applicant_name or "").strip() or (
        _person_name(applicant) if applicant else ""
    )
    if not name:
        raise ValidationError({"applicant_name": _("Give the applicant's name.")})
    case = Case.objects.create(
        community=community,
        household=household,
        applicant=applicant,
        applicant_name=name[:60],
        applicant_phone=applicant_phone or getattr(applicant, "phone", "") or "",
        filed_by=filer,
        filed_by_proxy=True,
        service_point=service_point[:100],
        kind=kind,
        temporary_cause=temporary_cause if kind == Kind.TEMPORARY else "",
    )
    workflow.note_step(case, "draft", actor=filer, note=f"代办 · {service_point}"[:300])
    return case


def _check_rows(case: Case, data: ApplicationData) -> None:
    """Row rules that hold for drafts too: at most one applicant, incomes of listed
    members, no more rows than a form can hold."""
    errors: list[str] = []
    selves = [m for m in data.members if m.get("relationship") == Relationship.SELF]
    if len(selves) > 1:
        errors.append(_("Only one member can be the applicant (“self”)."))
    if len(data.members) > MAX_MEMBERS:
        errors.append(
            _("A household has at most %(n)s members here.") % {"n": MAX_MEMBERS}
        )
    for rows in (data.incomes, data.properties, data.expenses):
        if len(rows) > MAX_ROWS:
            errors.append(_("Too many rows in one section."))
            break
    positions = {m["position"] for m in data.members}
    for row in data.incomes:
        if row.get("member") is not None and row["member"] not in positions:
            errors.append(_("An income belongs to a member who is not in the list."))
            break
    if errors:
        raise ValidationError(errors)


def _accounts_of(case: Case) -> set[int]:
    if case.household_id is None:
        return set()
    return set(
        Membership.objects.verified()
        .filter(household_id=case.household_id)
        .values_list("user_id", flat=True)
    )


def _write_fields(case: Case, fields: dict[str, Any]) -> None:
    for name in (
        "kind",
        "temporary_cause",
        "applicant_name",
        "applicant_phone",
        "reason",
        "bank_account",
        "relative_registered",
        "relative_note",
    ):
        if name in fields:
            setattr(case, name, fields[name] if fields[name] is not None else "")
    if case.kind != Kind.TEMPORARY:
        case.temporary_cause = ""
    signer = (fields.get("commitment_name") or "").strip()
    if fields.get("commitment_accepted") and signer:
        if case.commitment_name != signer or case.commitment_signed_at is None:
            case.commitment_signed_at = timezone.now()
        case.commitment_name = signer[:60]
    else:
        case.commitment_signed_at, case.commitment_name = None, ""
    case.phone_digest = phone_digest(case.applicant_phone)
    case.save()


def _write_rows(case: Case, data: ApplicationData) -> None:
    case.members.all().delete()  # incomes of members go with them
    case.incomes.all().delete()
    case.properties.all().delete()
    case.expenses.all().delete()
    accounts = _accounts_of(case)
    members: dict[int, HouseholdMember] = {}
    for row in data.members:
        account = row.get("account")
        members[row["position"]] = HouseholdMember.objects.create(
            case=case,
            name=row["name"],
            relationship=row["relationship"],
            birth_year=row.get("birth_year"),
            employment=row.get("employment") or "",
            able_to_work=bool(row.get("able_to_work")),
            user_id=account if account in accounts else None,
        )
    IncomeItem.objects.bulk_create(
        IncomeItem(
            case=case,
            member=members.get(row["member"]) if row.get("member") else None,
            kind=row["kind"],
            monthly_amount=row["monthly_amount"],
        )
        for row in data.incomes
    )
    PropertyItem.objects.bulk_create(
        PropertyItem(case=case, kind=r["kind"], description=r.get("description") or "", value=r["value"])
        for r in data.properties
    )  # fmt: skip
    ExpenseItem.objects.bulk_create(
        ExpenseItem(case=case, kind=r["kind"], description=r.get("description") or "", amount=r["amount"])
        for r in data.expenses
    )  # fmt: skip


def _write_uploads(case: Case, uploads: dict[str, Any], actor: Any) -> list[str]:
    """Store the new documents; a replaced one's file is deleted only once the
    transaction commits. Returns the names stored (to remove on a rollback)."""
    stored: list[str] = []
    for kind, upload in uploads.items():
        if kind in SINGLE_DOCUMENTS:
            for old in case.attachments.filter(kind=kind):
                name = old.file.name
                old.delete()
                transaction.on_commit(partial(old.file.storage.delete, name))
        attachment = Attachment.objects.create(
            case=case,
            kind=kind,
            file=upload,
            original_name=(getattr(upload, "name", "") or "")[:200],
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        stored.append(attachment.file.name)
    return stored


def _or_forget_files(step: Any, **kwargs: Any) -> Case:
    """Run a transactional step; if it fails, remove the files it stored (the
    rows are rolled back, the storage is not)."""
    stored: list[str] = []
    try:
        return step(stored=stored, **kwargs)
    except Exception:
        storage = Attachment._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise


def save_application(*, case: Case, actor: Any, data: ApplicationData) -> Case:
    """Save a draft (or a returned case being fixed): its fields, and its rows
    replaced as a whole. Nothing is saved when a row rule fails."""
    return _or_forget_files(_save, case=case, actor=actor, data=data)


@transaction.atomic
def _save(*, case: Case, actor: Any, data: ApplicationData, stored: list[str]) -> Case:
    case = workflow.locked(case)
    if case.state not in (State.DRAFT, State.RETURNED):
        raise ValidationError(_("This application can no longer be changed."))
    _check_rows(case, data)
    _write_fields(case, data.fields)
    _write_rows(case, data)
    stored += _write_uploads(case, data.uploads, actor)
    return case


def submission_errors(case: Case) -> list[str]:
    """What a case still lacks to be submitted (empty when complete)."""
    errors: list[str] = []
    members = list(case.members.values_list("relationship", flat=True))
    if not members:
        errors.append(_("List the members of the household."))
    elif members.count(Relationship.SELF) != 1:
        errors.append(_("Exactly one member must be the applicant (“self”)."))
    if case.kind == Kind.TEMPORARY and not case.temporary_cause:
        errors.append(_("Choose the cause of the temporary assistance."))
    if (
        case.kind == Kind.TEMPORARY
        and case.temporary_cause == TemporaryCause.EXPENSE
        and not case.expenses.exists()
    ):
        errors.append(
            _("Expense-driven temporary assistance needs the large expenses.")
        )
    if not (case.reason or "").strip():
        errors.append(_("Say why you apply."))
    if not case.phone_digest:
        errors.append(
            _("Give a phone number, so you can be reached and check the status.")
        )
    present = set(case.attachments.values_list("kind", flat=True))
    labels = dict(AttachmentKind.choices)
    for kind in REQUIRED_DOCUMENTS:
        if kind not in present:
            errors.append(_("Attach: %(document)s.") % {"document": labels[kind]})
    if case.commitment_signed_at is None:
        errors.append(_("Sign the commitment (承诺书): tick it and type your name."))
    elif case.commitment_name.strip() != case.applicant_name.strip():
        errors.append(_("The commitment must be signed with the applicant's name."))
    return errors


def submit_application(
    *, case: Case, actor: Any, data: ApplicationData | None = None
) -> Case:
    """Save the form (if given) and submit, or resubmit after a request for
    missing items; all or nothing (files stored on the way are removed)."""
    return _or_forget_files(_submit, case=case, actor=actor, data=data)


@transaction.atomic
def _submit(
    *, case: Case, actor: Any, data: ApplicationData | None, stored: list[str]
) -> Case:
    if data is not None:
        case = _save(case=case, actor=actor, data=data, stored=stored)
    case = workflow.locked(case)
    errors = submission_errors(case)
    if errors:
        raise ValidationError(errors)
    if case.state == State.RETURNED:
        case = workflow.transition(case, "resubmit", actor=actor)
        MissingItemsRequest.objects.filter(case=case).update(answered_at=timezone.now())
        title = _("Your application %(number)s was sent again.")
    else:
        case = workflow.transition(case, "submit", actor=actor)
        title = _("Your application %(number)s was submitted.")
    case.submitted_at = timezone.now()
    case.save(update_fields=["submitted_at"])
    number = case.tracking_number
    transaction.on_commit(lambda: tell_applicant(case, title % {"number": number}))
    transaction.on_commit(partial(notify_staff_of_submission, case))
    return case


@transaction.atomic
def withdraw_application(*, case: Case, actor: Any, reason: str) -> Case:
    case = workflow.transition(case, "withdraw", actor=actor, note=reason)
    title = _("Your application %(number)s was withdrawn.") % {
        "number": case.tracking_number
    }
    transaction.on_commit(lambda: tell_applicant(case, title))
    return case


@transaction.atomic
def appeal_refusal(*, case: Case, actor: Any, reason: str) -> Appeal:
    """The one appeal to the district against a refusal."""
    case = workflow.locked(case)
    if Appeal.objects.filter(case=case).exists():
        raise ValidationError(
            _("You have already appealed this decision; one appeal is allowed.")
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why you appeal.")})
    appeal = Appeal.objects.create(case=case, reason=reason.strip(), filed_by=actor)
    case = workflow.transition(case, "appeal", actor=actor)
    title = _("Your appeal on %(number)s was sent to the district.") % {
        "number": case.tracking_number
    }
    transaction.on_commit(lambda: tell_applicant(case, title))
    return appeal
