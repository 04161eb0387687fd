"""Who may see and manage a paired region. docs/permissions.md ("Paired regions")
has the table, tested cell by cell in tests/pairing/test_permission_table.py.

- Anyone sees a paired region's public page.
- The district's officers (with TOTP) and platform admins add paired regions to
  the district and manage them: the agreement and plan, pairs, liaisons.
- A liaison officer acts only for the paired region of their post.
"""

from __future__ import annotations

from typing import Any

import rules

from communities.models import Region
from communities.rules import is_district_officer_for, is_platform_admin
from pairing.regions.models import Liaison
from pairing.regions.selectors import liaison_posts, paired_region_of


def _side_of(user: Any, obj: Any, side: str | None) -> bool:
    region = paired_region_of(obj)
    if region is None:
        return False
    return any(
        region_id == region.pk and (side is None or held == side)
        for region_id, held in liaison_posts(user)
    )


@rules.predicate
def is_liaison_of(user: Any, obj: Any) -> bool:
    """A liaison officer (either side) of the object's paired region, in force."""
    return _side_of(user, obj, None)


@rules.predicate
def is_home_liaison_of(user: Any, obj: Any) -> bool:
    return _side_of(user, obj, Liaison.Side.HOME)


@rules.predicate
def is_receiving_liaison_of(user: Any, obj: Any) -> bool:
    return _side_of(user, obj, Liaison.Side.RECEIVING)


@rules.predicate
def is_district(user: Any, obj: Any) -> bool:
    return isinstance(obj, Region) and obj.is_district


@rules.predicate
def is_officer_of_its_district(user: Any, obj: Any) -> bool:
    """A district officer of the district that owns the paired region."""
    region = paired_region_of(obj)
    return region is not None and is_district_officer_for(user, region.district)


manages_pairing = is_officer_of_its_district | is_platform_admin

rules.add_perm("pairing.view_paired_region", rules.always_allow)
rules.add_perm(
    "pairing.add_paired_region",
    is_district & (is_district_officer_for | is_platform_admin),
)
rules.add_perm("pairing.manage_paired_region", manages_pairing)
