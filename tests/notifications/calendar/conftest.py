"""The consultation fixtures (community, committee, residents, walk) for feed tests."""

from tests.consultation.conftest import (  # noqa: F401
    committee,
    community,
    make_resident,
    time_machine_now,
    walk,
)
