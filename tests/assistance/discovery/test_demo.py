"""assistance.discovery.demo: an urgent report visited in time, an overdue one
escalated to the street, an anonymous one waiting; seeding twice adds nothing."""

from __future__ import annotations

from assistance.discovery import demo
from assistance.discovery.models import Report, Urgency
from communities.demo import seeders
from communities.management.commands.seed_demo import ensure_user


def test_the_demo_reports_and_seeding_twice_adds_nothing(community, officer):
    assert "assistance.discovery" in {s.name for s in seeders()}
    demo.seed(admin=None, communities=[community], ensure_user=ensure_user)
    reports = Report.objects.filter(community=community)
    urgent = reports.get(urgency=Urgency.URGENT)
    assert urgent.answered_in_time and urgent.handled_at
    late = reports.get(escalated_at__isnull=False)
    assert late.is_overdue and late.visited_at is None
    assert reports.filter(reporter=None, visited_at=None).count() == 1
    demo.seed(admin=None, communities=[community], ensure_user=ensure_user)
    assert reports.count() == 3
