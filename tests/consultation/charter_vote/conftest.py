"""A charter's adoption vote held as a consultation motion: the governance
community (set up by its services, with a charter index) and charter helpers."""

from tests.support.governance import (  # noqa: F401
    advance,
    committee_member,
    community,
    make_community,
    portal,
    start,
    street,
    street_officer,
)
