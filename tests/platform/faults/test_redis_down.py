"""Redis stopped mid-run must not take the site down.

Pages are served uncached from the database, signing in works (sessions are kept
in the database, Redis holds only a copy), writes that push live updates succeed
without the push, `/readyz` names the cache and the channel layer, and everything is
used again by itself once Redis is back. The Redis here is a `redis-server` this test starts on a free port.
"""

from __future__ import annotations

import signal
import time

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from communities import services as community_services
from config import failsoft
from notifications.services import notify
from tests.factories import StreetFactory, UserFactory
from tests.notifications.factories import VerifiedEmailFactory
from tests.platform.faults.conftest import use_redis
from tests.support.accounts import PASSWORD

pytestmark = pytest.mark.django_db

RETRY_AFTER = 0.2


@pytest.fixture
def site_on(redis_server, settings):
    """Point the cache, the channel layer and the rate limits at the test's Redis."""
    use_redis(
        settings,
        redis_server,
        "faults",
        socket_connect_timeout=1,
        socket_timeout=1,
        RETRY_AFTER=RETRY_AFTER,
    )
    # Rate limits on, as in production: they are kept in the cache.
    settings.ACCOUNT_RATE_LIMITS = {"login": "30/m/ip", "login_failed": "10/m/ip"}
    yield redis_server
    failsoft.reset_breakers()


@pytest.fixture
def community(db):
    community_services.ensure_portal()
    return community_services.create_community(
        street=StreetFactory(), name="和平社区", slug="heping", kind="community"
    )


@pytest.fixture
def resident(db):
    user = UserFactory(preferred_language="en")
    VerifiedEmailFactory(user=user)
    return user


PAGES = ["/", "/heping/", "/accounts/login/", "/accounts/signup/"]


def _assert_pages_served(client):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)


def _readyz(client):
    response = client.get("/readyz")
    return response.status_code, response.json()["failing"]


def test_the_site_keeps_working_while_redis_is_down_and_recovers(
    site_on, settings, client, community, resident, django_capture_on_commit_callbacks
):
    redis = site_on
    # Redis up: the page cache works.
    assert client.get("/heping/")["X-Page-Cache"] == "miss"
    assert client.get("/heping/")["X-Page-Cache"] == "hit"
    assert _readyz(client) == (200, [])

    redis.stop()

    # Every page still renders, uncached, from the database.
    _assert_pages_served(client)
    response = client.get("/heping/")
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "和平社区" in response.content.decode()

    # A change made meanwhile succeeds (its page-cache bump and live push are dropped).
    community_services.update_community(
        actor=None, community=community, name="新和平社区", description=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[resident], kind="system", title="Redis is down")
    async_to_sync(get_channel_layer().group_send)("any", {"type": "x.y"})
    assert "新和平社区" in client.get("/heping/").content.decode()

    # Signing in works: sessions are in the database, rate limits skip the cache.
    response = client.post(
        "/accounts/login/", {"login": resident.email, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.session["_auth_user_id"] == str(resident.pk)
    assert client.get("/notifications/").status_code == 200
    assert client.get("/heping/").status_code == 200

    # /readyz names the parts that are down.
    status, failing = _readyz(client)
    assert status == 503
    assert set(failing) == {"cache", "channel_layer"}

    # Redis back: after RETRY_AFTER the cache and the layer are used again.
    redis.start()
    time.sleep(RETRY_AFTER * 2)
    client.logout()
    assert _readyz(client) == (200, [])
    first = client.get("/heping/")
    assert first["X-Page-Cache"] == "miss"
    assert "新和平社区" in first.content.decode()
    assert client.get("/heping/")["X-Page-Cache"] == "hit"


def test_a_change_made_while_redis_was_unreachable_is_not_hidden_by_an_old_page(
    site_on, client, community
):
    """Redis unreachable but keeping its data (a partition, a frozen server): the bump
    that failed is made before this process uses the cache again."""
    redis = site_on
    assert client.get("/heping/")["X-Page-Cache"] == "miss"
    assert client.get("/heping/")["X-Page-Cache"] == "hit"
    redis.process.send_signal(signal.SIGSTOP)  # answers nothing, forgets nothing
    try:
        community_services.update_community(
            actor=None, community=community, name="改名社区", description=""
        )
    finally:
        redis.process.send_signal(signal.SIGCONT)
    time.sleep(RETRY_AFTER * 2)
    response = client.get("/heping/")
    assert "改名社区" in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


def test_a_page_cache_read_that_fails_serves_the_page_uncached(
    site_on, client, community
):
    site_on.stop()
    failsoft.reset_breakers()
    for _ in range(3):
        response = client.get("/heping/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
