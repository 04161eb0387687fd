"""assistance.emergency.demo: a declared emergency of the district (ended
early), 先行救助 given under it with its paperwork completed on time, and one
whose paperwork is overdue (seed_demo twice adding nothing is checked for every
model by test_seed_demo)."""

from __future__ import annotations

import pytest

from assistance.emergency.models import AdvanceAid, EmergencyPeriod

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_demo_has_emergency_aid_done_on_time_and_overdue(seeded):
    aids = list(AdvanceAid.objects.select_related("case").order_by("granted_at"))
    assert [a.paperwork_status for a in aids] == ["on_time", "overdue"]
    assert aids[0].under_emergency_rules and aids[0].case.state == "submitted"
    assert not aids[1].under_emergency_rules and aids[1].case.state == "draft"
    period = EmergencyPeriod.objects.get()
    assert period.ended_at is not None and period.end_note
