"""What assistance.privacy adds to the platform's registries (called from
assistance.registration.register): the personal-data collector, the deletion
rule and its explanation, and the daily retention job."""

from __future__ import annotations

import datetime

from accounts import personal_data
from assistance.privacy import collectors, services
from assistance.privacy.tasks import anonymise_expired_cases
from notifications import scheduling


def register() -> None:
    personal_data.register_collector("assistance_cases", collectors.collect_cases)
    personal_data.register_anonymiser(services.unlink_account)
    personal_data.register_kept_records(services.kept_records)
    scheduling.register(
        "assistance.anonymise_expired_cases",
        anonymise_expired_cases,
        daily_at=datetime.time(2, 20),
    )


def connect() -> None:
    """Nothing to connect."""
