"""Who may make API tokens and pull an area's figures with one (docs/permissions.md,
the "opendata" table). Both are decided at the time of the request from the
person's role grants, so a token stops working when its owner's grant ends."""

from __future__ import annotations

from typing import Any

import rules

from opendata.tokens.selectors import oversees_an_area


@rules.predicate
def is_area_officer(user: Any) -> bool:
    return oversees_an_area(user)


@rules.predicate
def is_active_token(user: Any, token: Any) -> bool:
    return token is not None and token.revoked_at is None and token.owner_id == user.pk


rules.add_perm("opendata.manage_tokens", is_area_officer)
rules.add_perm("opendata.pull_area_figures", is_area_officer & is_active_token)
