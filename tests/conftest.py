"""Shared fixtures: factories, a clean cache per test, and Debian's chromium for e2e."""

import os

import pytest
from django.core.cache import cache
from pytest_factoryboy import register

from tests import factories

# Playwright's sync API runs an event loop in the test thread; Django must allow
# ORM calls from it in live-server tests (see STACK.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.support.fixtures"]

register(factories.UserFactory)
register(factories.RegionFactory)
register(factories.RegionFactory, "district", kind="district", parent=None)
register(factories.StreetFactory, "street")
register(factories.CommunityFactory)
register(factories.HouseholdFactory)
register(factories.MembershipFactory)
register(factories.RoleGrantFactory)


@pytest.fixture
def client():
    """A browser that asks for English, so assertions read in the source language.

    Chinese is the default; tests of the Chinese interface use `zh_client`.
    """
    from django.test import Client

    return Client(headers={"accept-language": "en"})


@pytest.fixture
def zh_client():
    """A browser that sends no language preference: the site's default, Chinese."""
    from django.test import Client

    return Client()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Code run outside a request (forms, services, mails) speaks English in tests.

    The site's default is Chinese; tests/i18n switches back to it explicitly.
    """
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, and with Redis counted as up (a fault
    test may have left the fail-soft breaker open).

    On Redis too: a rate-limit counter left by an earlier test (the bad-input walk
    posts to the public look-ups) refused a later test's look-ups with 429. Each
    test process has its own Redis database (config/settings/test.py), so the
    FLUSHDB touches no other process's keys."""
    from config import failsoft

    failsoft._down_until.clear()
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fresh_media(request):
    """Each test starts with empty in-memory media storage (test settings), so a file
    saved by an earlier test never makes the storage rename this test's upload.

    Not in tests/demo, whose demo data (receipts, photos) is made once for the folder.
    """
    from django.core.files.storage import default_storage, storages
    from django.utils.functional import empty

    if "/tests/demo/" not in str(request.node.path):
        storages._storages = {}
        default_storage._wrapped = empty
    yield


CHROMIUM = "/usr/bin/chromium"
# Browser tests that check markup only (layout at phone widths): marker `frontend`.
FRONTEND_FILES = {"test_phone_fit.py", "test_phone_layout.py"}
# Browser journeys whose pages update themselves over websockets (the channel
# layer: Redis in production): marker `realtime`. CI's PostgreSQL + Redis run
# walks these; every journey runs in the SQLite run.
REALTIME_FILES = {
    "test_consultation_live.py",
    "test_live_status.py",
    "test_volunteer_journeys.py",
    "test_check_in_code.py",
    "test_join_journey.py",
}
# The longest tests (the bad-input walks, 10-40 s each; then the demo
# folder's group, and the modules whose tests take 5-12 s each), started first so
# that the shorter ones fill both workers around them instead of one worker
# finishing a long test alone at the end.
LONGEST_FIRST = (
    "tests/demo/test_post_fuzz.py",
    "tests/demo/",
    "tests/platform/test_reachability.py",
    "tests/notifications/calendar/test_feed_migration.py",
    "tests/consultation/live/",
    "tests/opendata/test_schema.py",
    "tests/assistance/applications/test_fuzz.py",
    "tests/platform/faults/",
)

LONGEST_BROWSER_FIRST = "test_phone_fit.py"

# The bad-input walks by their time (longest first: one worker takes the longest
# while the other takes the next ones).
WALKS_BY_TIME = (
    "charity manager",
    "committee",
    "resident",
    "coordinator",
    "aid officer",
    "aid coordinator",
    "aid supervisor",
    "visitor",
)


def _longest_rank(item) -> tuple[int, int]:
    path = str(item.path)
    for rank, part in enumerate(LONGEST_FIRST):
        if f"/{part}" in path:
            who = getattr(getattr(item, "callspec", None), "id", "")
            walk = WALKS_BY_TIME.index(who) if who in WALKS_BY_TIME else 0
            return rank, walk
    return len(LONGEST_FIRST), 0


# Checks that read no database at all (source code, catalogues, settings in a
# subprocess without DATABASE_URL): marker `dbfree`; CI runs them once, on SQLite.
DBFREE_FILES = {
    "tests/i18n/test_catalogue_complete.py",
    "tests/i18n/test_contexts.py",
    "tests/i18n/test_zh_style.py",
    "tests/platform/test_architecture.py",
    "tests/platform/test_settings.py",
    "tests/accounts/test_social_config.py",
    "tests/platform/test_gunicorn_conf.py",
}


def pytest_itemcollected(item):
    """Mark each test as it is collected, before `-m` selects by marker.

    Everything under tests/e2e/ is a browser journey (marker `e2e`); the markup-only
    checks among them also get `frontend`, the journeys over websockets `realtime`,
    and the checks that read no database get `dbfree` (CI runs the markup checks
    and the database-free ones once, on SQLite). Tests under
    tests/demo/ go to one xdist worker, which seeds the demo data once for them; the
    long bad-input walk gets a group per person, to share the work.
    """
    path = str(item.path)
    if "/tests/e2e/" in path:
        item.add_marker(pytest.mark.e2e)
        if item.path.name in FRONTEND_FILES:
            item.add_marker(pytest.mark.frontend)
        if item.path.name in REALTIME_FILES:
            item.add_marker(pytest.mark.realtime)
    if any(path.endswith(name) for name in DBFREE_FILES):
        item.add_marker(pytest.mark.dbfree)
    if "/tests/demo/" in path:
        group = "demo"
        if item.path.name == "test_post_fuzz.py" and hasattr(item, "callspec"):
            group = f"demo-fuzz-{item.callspec.id}"
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The longest tests first, browser journeys last.

    Playwright's sync API leaves an event loop running in the test thread for the rest
    of the session, which breaks later tests that call async_to_sync (websocket tests).
    """
    browser = [item for item in items if item.get_closest_marker("e2e")]
    other = [item for item in items if not item.get_closest_marker("e2e")]
    other.sort(key=_longest_rank)  # stable: the random order within each rank stays
    # The phone-fit and axe crawl (25-65 s per person) leads the browser tests.
    browser.sort(key=lambda item: item.path.name != LONGEST_BROWSER_FIRST)
    items[:] = other + browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's chromium; Playwright's own browser download does not work here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "zh-CN",
        "viewport": {"width": 412, "height": 900},
    }
