"""A charter's adoption vote held as a consultation motion: the governance
community (set up by its services, with a charter index) and charter helpers."""

from tests.governance.charters.conftest import advance, start, street_officer  # noqa: F401
from tests.governance.conftest import (  # noqa: F401
    committee_member,
    community,
    make_community,
    portal,
    street,
)
