"""At the end of retention, an advance aid keeps its amount and cause but not
who was helped or what happened."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistance.privacy.services import anonymise_cases

pytestmark = pytest.mark.django_db


def test_anonymising_the_case_blanks_the_aid_text(grant):
    aid = grant()
    anonymise_cases(case_ids=[aid.case_id])
    aid.refresh_from_db()
    assert (aid.beneficiary_name, aid.note) == ("", "")
    assert aid.amount == Decimal("1500.00") and aid.cause == "fire"
