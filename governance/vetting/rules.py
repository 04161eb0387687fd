"""Who may run the joint qualification review (任职资格联审) and configure it.

Objects: a street or district (the rounds list, the district's configuration),
a community (opening a round, an exception) or a review round. The tables are in
docs/permissions.md ("Qualification review").
"""

from __future__ import annotations

from typing import Any

import rules

from communities.rules import (
    is_district_officer_for,
    is_platform_admin,
    is_region,
    is_street_officer_for,
)
from governance.vetting.models import ReviewRound


@rules.predicate
def is_district(user: Any, obj: Any) -> bool:
    """The object is a district (its configuration lives there)."""
    return is_region(user, obj) and obj.is_district


@rules.predicate
def is_open_round(user: Any, obj: Any) -> bool:
    """The object is a review round still open for results."""
    return isinstance(obj, ReviewRound) and obj.is_open


is_round_keeper = is_street_officer_for | is_platform_admin
is_reviewing_officer = (
    is_street_officer_for | is_district_officer_for | is_platform_admin
)

# The rounds of a street's or district's communities (the region page).
rules.add_perm("governance.view_review_rounds", is_region & is_reviewing_officer)
# Open a round for a community (object: the community, or the street).
rules.add_perm("governance.open_review_round", is_round_keeper)
# A round's candidates and results; never public.
rules.add_perm("governance.view_review_round", is_reviewing_officer)
# Add a candidate, record a department's result, close the round: while open.
rules.add_perm("governance.change_review_round", is_round_keeper & is_open_round)
# The district's departments, grounds, validity and 一肩挑 target.
rules.add_perm(
    "governance.configure_vetting",
    is_district & (is_district_officer_for | is_platform_admin),
)
# A recorded exception: a 两委 term without a passed review (object: community
# or district).
rules.add_perm(
    "governance.grant_review_exception", is_district_officer_for | is_platform_admin
)
