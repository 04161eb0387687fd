"""Fixtures for charter tests: a community with its committee, a resident and the
street officer, and a helper that drives a charter to any step of its lifecycle."""

from __future__ import annotations

import datetime

from django.utils import timezone

from governance.charters.models import CharterState
from tests.support.governance import (  # noqa: F401  (fixtures and data)
    CLAUSES,
    ORDER,
    PASSING_VOTE,
    advance,
    start,
    street_officer,
)

S = CharterState
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
