"""Consultation figures on the oversight dashboards: overdue decisions, in progress."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from communities.models import Community
from consultation.topics import oversight as topic_oversight
from tests.consultation.factories import ConsultationFactory, SuggestionFactory
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db


def _overdue(community):
    return ConsultationFactory(
        community=community,
        origin="petition",
        suggestion=SuggestionFactory(community=community, status="promoted"),
        decision_due_at=timezone.now() - datetime.timedelta(hours=1),
    )


@pytest.mark.parametrize("n", [1, 6])
def test_overdue_decisions_and_progress_per_community_in_fixed_queries(
    django_assert_num_queries, n
):
    communities = [CommunityFactory() for _ in range(n)]
    for community in communities:
        _overdue(community)
        ConsultationFactory(community=community, state="held")
        ConsultationFactory(community=community)  # proposed, no deadline
    queryset = Community.objects.filter(pk__in=[c.pk for c in communities])
    with django_assert_num_queries(1):
        totals = {f.key: f.count for f in topic_oversight.figures(queryset, None)}
    assert totals == {"decision_overdue": n, "in_progress": n}
    with django_assert_num_queries(1):
        rows = topic_oversight.per_community(queryset, None)
    first = {f.key: f for f in rows[communities[0].pk]}
    assert first["decision_overdue"].count == 1
    assert first["decision_overdue"].tone == "bad"
    assert first["decision_overdue"].url.endswith("/consultations/?state=proposed")


def test_the_section_is_registered():
    from communities import oversight as registry

    assert "consultation" in {s.key for s in registry.sections()}
