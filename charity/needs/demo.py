"""Demo data for needs: a need for winter quilts, part delivered and part
pledged and awaited. Seeded with the charity projects' story (charity/registration.py).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from charity.needs import services
from charity.projects.demo import DOMAIN
from communities.models import Community


def seed(*, admin: Any, community: Community, ensure_user) -> None:
    today = timezone.localdate()
    resident = ensure_user(f"resident@{DOMAIN}", "林小梅")
    # A need, partly covered: part delivered, part pledged and awaited.
    need = services.post_need(
        actor=admin,
        community=community,
        item="冬季棉被",
        description="为独居老人和困难家庭准备过冬棉被。",
        quantity=30,
        unit="床",
        needed_by=today + datetime.timedelta(days=21),
        volunteer_activity=f"/{community.slug}/volunteering/",
    )
    delivered = services.pledge_to_need(
        user=resident, need=need, quantity=8, donor_name="林小梅", show_name=True
    )
    services.confirm_delivery(actor=admin, pledge=delivered)
    other = ensure_user(f"resident01@{DOMAIN}", "李志强")
    services.pledge_to_need(user=other, need=need, quantity=4)
