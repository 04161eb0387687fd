"""Fixtures of the emergency aid tests: `grant(**options)` records 先行救助 for
the shared `household` through the service (by the coordinator unless `actor`
is given), with the shared 1000-yuan urban standard in force."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistance.emergency import services


@pytest.fixture
def grant(community, household, applicant, coordinator, standard):
    def make(**options):
        options.setdefault("actor", coordinator)
        options.setdefault("household", household)
        options.setdefault(
            "beneficiary_name", applicant.real_name or applicant.display_name
        )
        options.setdefault("household_size", 2)
        options.setdefault("cause", "fire")
        options.setdefault("amount", Decimal("1500.00"))
        options.setdefault("note", "家中失火，衣物被褥烧毁。")
        return services.grant_advance_aid(community=community, **options)

    return make
