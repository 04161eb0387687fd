"""A community with one record of each public kind, plus what must stay out."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.charity.factories import PublicProjectFactory
from tests.support import governance as shared
from tests.support.governance_disclosures import add_disclosure, finance_body
from tests.support.governance_notices import add_notice
from tests.volunteers.factories import ActivityFactory, ShiftFactory

portal = shared.portal
street = shared.street
make_community = shared.make_community
community = shared.community
street_officer = shared.street_officer


@pytest.fixture
def records(community):
    """One notice, disclosure, activity with a shift and project; and a draft
    notice and a draft activity that the API must not show."""
    now = timezone.now()
    notice = add_notice(community, title="停水通知")
    draft = add_notice(community, title="草稿通知", publish=False)
    disclosure = add_disclosure(community, title="一季度财务", body=finance_body())
    activity = ActivityFactory(community=community, title="探访老人")
    ShiftFactory(
        activity=activity,
        capacity=3,
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=2),
    )
    hidden = ActivityFactory(community=community, title="未发布活动", status="draft")
    project = PublicProjectFactory(
        organisation__community=community, community=community, title="助学项目"
    )
    return {
        "notice": notice,
        "draft": draft,
        "disclosure": disclosure,
        "activity": activity,
        "hidden": hidden,
        "project": project,
    }
