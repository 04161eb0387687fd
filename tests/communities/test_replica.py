"""The read-replica router (config/replica.py): public pages and dashboards read
from the replica on GET; writes, POSTs, other signed-in pages and reads after a
write go to the primary.

`replica` is a test mirror of the default database (config/settings/test.py), so
both aliases see the same rows; the queries each connection ran tell where the
reads went.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.conf import settings
from django.db import connections, router
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from communities.models import Role
from config import replica
from tests.factories import RoleGrantFactory, UserFactory
from tests.support.actors import give_totp

pytestmark = [
    pytest.mark.django_db(
        transaction=True, serialized_rollback=True, databases=["default", "replica"]
    ),
    # Serialized rollback leaves the database empty after the last test (its flush
    # skips post_migrate): put back what the migrations made for the tests after.
    pytest.mark.usefixtures("restore_migrated_data"),
]

MIDDLEWARE = list(settings.MIDDLEWARE)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "config.replica.ReplicaMiddleware",
)


@pytest.fixture(autouse=True)
def routed():
    with (
        mock.patch.object(router, "routers", [replica.ReplicaRouter()]),
        override_settings(MIDDLEWARE=MIDDLEWARE),
    ):
        yield


def _queries(client, method, path, **kwargs):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as secondary,
    ):
        response = getattr(client, method)(path, **kwargs)
    return response, len(primary), len(secondary)


def test_anonymous_public_page_reads_from_the_replica(client, make_community):
    make_community(slug="heping")
    response, primary, secondary = _queries(client, "get", "/heping/")
    assert response.status_code == 200
    assert secondary > 0
    assert primary == 0


def test_signed_in_page_not_marked_reads_from_the_primary(client, make_community):
    make_community(slug="heping")
    client.force_login(UserFactory())
    response, primary, secondary = _queries(client, "get", "/my/communities/")
    assert response.status_code == 200
    assert primary > 0
    assert secondary == 0


def test_officers_dashboard_reads_from_the_replica(client, make_community):
    community = make_community(slug="heping")
    officer = RoleGrantFactory(
        role=Role.STREET_OFFICER, community=None, region=community.street
    ).user
    client.force_login(give_totp(officer))
    path = f"/regions/{community.street.slug}/dashboard/"
    response, primary, secondary = _queries(client, "get", path)
    assert response.status_code == 200
    assert secondary > 0
    # Only the user and session, read before the view was known.
    assert primary <= 3


def test_post_goes_to_the_primary_and_pins_the_browser(client, make_community):
    make_community(slug="heping")
    user = UserFactory(email="pin@example.com")
    user.set_password("correct horse battery")
    user.save()
    response, primary, secondary = _queries(
        client,
        "post",
        "/accounts/login/",
        data={"login": "pin@example.com", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert secondary == 0
    assert primary > 0
    assert (
        response.cookies[replica.PIN_COOKIE]["max-age"] == settings.REPLICA_PIN_SECONDS
    )
    # The same browser reads from the primary while the pin lasts.
    client.logout()
    client.cookies[replica.PIN_COOKIE] = "1"
    _response, primary, secondary = _queries(client, "get", "/heping/")
    assert secondary == 0
    assert primary > 0


def test_reads_after_a_write_in_the_same_request_go_to_the_primary():
    token = replica._use_replica.set(True)
    try:
        chosen = replica.ReplicaRouter()
        assert chosen.db_for_read(None) == "replica"
        assert chosen.db_for_write(None) == "default"
        assert chosen.db_for_read(None) == "default"
    finally:
        replica._use_replica.reset(token)


def test_only_the_primary_is_migrated():
    chosen = replica.ReplicaRouter()
    assert chosen.allow_migrate("default", "communities") is True
    assert chosen.allow_migrate("replica", "communities") is False
