"""The person's own assistance cases in their personal-data export (as the
applicant or as a member of the applying household), decrypted."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from assistance.cases.models import Case


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _money(value: Any) -> str | None:
    return str(value) if value is not None else None


def _case(case: Case) -> dict[str, Any]:
    return {
        "tracking_number": case.tracking_number,
        "community": case.community.name,
        "kind": case.kind,
        "state": case.state,
        "applicant_name": case.applicant_name,
        "applicant_phone": case.applicant_phone,
        "reason": case.reason,
        "bank_account": case.bank_account,
        "submitted_at": _iso(case.submitted_at),
        "accepted_on": _iso(case.accepted_on),
        "decision_due": _iso(case.decision_due),
        "decided_at": _iso(case.decided_at),
        "monthly_amount": _money(case.monthly_amount),
        "start_month": _iso(case.start_month),
        "amount_calculation": case.amount_calculation,
        "members": [
            {
                "name": m.name,
                "relationship": m.relationship,
                "id_number": m.id_number,
                "birth_year": m.birth_year,
                "health": m.health,
                "disability": m.disability,
                "employment": m.employment,
            }
            for m in case.members.all()
        ],
        "incomes": [
            {"kind": i.kind, "monthly_amount": _money(i.monthly_amount)}
            for i in case.incomes.all()
        ],
        "property": [
            {"kind": p.kind, "description": p.description, "value": _money(p.value)}
            for p in case.properties.all()
        ],
        "expenses": [
            {"kind": e.kind, "description": e.description, "amount": _money(e.amount)}
            for e in case.expenses.all()
        ],
        "steps": [
            {
                "action": e.action,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "at": _iso(e.at),
                "note_for_you": e.public_note,
            }
            for e in case.events.all()
        ],
        "reads_of_the_file": [
            {"capacity": r.capacity, "what": r.what, "at": _iso(r.at)}
            for r in case.reads.all()
        ],
    }


def collect_cases(user: Any) -> list[dict[str, Any]]:
    cases = (
        Case.objects.filter(Q(applicant=user) | Q(members__user=user))
        .distinct()
        .select_related("community")
        .prefetch_related(
            "members", "incomes", "properties", "expenses", "events", "reads"
        )
        .order_by("created_at")
    )
    return [_case(case) for case in cases]
