"""The kind registry: the app registers only "system"; tests add theirs temporarily."""

from notifications import kinds
from notifications.models import Delivery
from tests.notifications.conftest import TEST_KIND


def test_the_system_kind_is_registered_by_the_app():
    system = kinds.get("system")
    assert system.default_delivery == Delivery.INSTANT
    assert str(system.label) == "Announcements from the platform"


def test_a_test_kind_exists_only_during_its_test(register_kind):
    register_kind("test.temporary")
    assert kinds.get("test.temporary").key == "test.temporary"


def test_test_kinds_do_not_leak_into_the_registry():
    assert TEST_KIND not in {k.key for k in kinds.all_kinds()}
    assert "test.temporary" not in {k.key for k in kinds.all_kinds()}
