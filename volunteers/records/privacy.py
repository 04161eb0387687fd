"""Personal data of check-in, hours, certificates and the time bank.

Registered with accounts.personal_data: the export lists the person's service records,
certificates and time-bank movements. Account deletion keeps the service records (the
teams' registers of service) and certificates (so an issued serial still verifies), but
removes the masked name and ID number from the certificates and takes the person off
the leaderboard.
"""

from __future__ import annotations

from typing import Any

from volunteers.profiles.models import VolunteerProfile
from volunteers.records.models import Certificate, ServiceRecord, TimeBankTransaction


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def collect(user: Any) -> dict[str, Any]:
    records = ServiceRecord.objects.filter(volunteer=user).select_related(
        "community", "team", "signup__shift__activity"
    )
    certificates = Certificate.objects.filter(volunteer=user)
    moves = TimeBankTransaction.objects.filter(account__user=user).select_related(
        "account__community"
    )
    return {
        "service_records": [
            {
                "community": r.community.name,
                "team": r.team.name if r.team else None,
                "activity": r.signup.shift.activity.title,
                "served_on": _iso(r.served_on),
                "version": r.version,
                "hours": str(r.hours),
                "measured_hours": str(r.measured_hours),
                "reason": r.reason,
                "status": r.status,
                "confirmed_at": _iso(r.confirmed_at),
            }
            for r in records.order_by("pk")
        ],
        "certificates": [
            {
                "serial": c.serial,
                "issuer": c.issuer_name,
                "period_start": _iso(c.period_start),
                "period_end": _iso(c.period_end),
                "hours": str(c.hours),
                "issued_at": _iso(c.issued_at),
            }
            for c in certificates.order_by("pk")
        ],
        "time_bank": [
            {
                "community": m.account.community.name,
                "kind": m.kind,
                "credits": str(m.amount),
                "service_record": m.service_record_id,
                "at": _iso(m.created_at),
            }
            for m in moves.order_by("pk")
        ],
    }


def anonymise(user: Any) -> None:
    Certificate.objects.filter(volunteer=user).update(
        masked_name="—", masked_id_number=""
    )
    VolunteerProfile.objects.filter(user=user).update(show_on_leaderboard=False)
