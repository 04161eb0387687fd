"""Who posts and reads a paired region's exchange (docs/permissions.md, "Paired
regions"): liaisons of that region and its district's officers post updates,
feedback and staff exchanges and read what is internal; the receiving side asks
questions, the home side (home liaisons, the district's officers) answers."""

from __future__ import annotations

import rules

from pairing.regions.rules import (
    is_home_liaison_of,
    is_liaison_of,
    is_receiving_liaison_of,
    manages_pairing,
)

works_on_region = is_liaison_of | manages_pairing

rules.add_perm("pairing.post_update", works_on_region)
rules.add_perm("pairing.view_internal", works_on_region)
rules.add_perm("pairing.record_exchange", works_on_region)
rules.add_perm("pairing.ask_question", is_receiving_liaison_of)
rules.add_perm("pairing.answer_question", is_home_liaison_of | manages_pairing)
