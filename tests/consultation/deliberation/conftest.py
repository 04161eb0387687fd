import pytest

from consultation.topics import services as topic_services
from tests.consultation.chain import adopt, held_meeting


@pytest.fixture
def topic(committee, community):
    return topic_services.open_topic(
        actor=committee, community=community, title="增设充电桩", description="讨论"
    )


@pytest.fixture
def held(committee, walk, residents):
    return held_meeting(committee=committee, walk=walk, residents=residents)


@pytest.fixture
def resolution(held, committee):
    return adopt(held, committee)
