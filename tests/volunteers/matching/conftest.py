import pytest
import time_machine

from tests.volunteers.matching.helpers import NOW


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield
