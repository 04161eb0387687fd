import pytest

from tests.consultation.chain import adopt, held_meeting


@pytest.fixture
def held(committee, walk, residents):
    return held_meeting(committee=committee, walk=walk, residents=residents)


@pytest.fixture
def resolution(held, committee):
    return adopt(held, committee)
