"""/readyz names a task worker or scheduler that has not checked in recently."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import ProcessHeartbeat
from notifications.services import check_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def expect_processes(settings):
    settings.READYZ_PROCESSES = ["worker", "scheduler"]
    settings.PROCESS_CHECK_IN_MAX_AGE = 300


def _readyz(client):
    response = client.get("/readyz")
    return response.status_code, response.json()


def test_readyz_is_503_naming_processes_that_never_checked_in(client, expect_processes):
    status, body = _readyz(client)
    assert status == 503
    assert body["failing"] == ["worker", "scheduler"]
    assert "no worker has checked in" in body["checks"]["worker"]


def test_readyz_is_ok_when_both_checked_in_recently(client, expect_processes):
    check_in(kind=ProcessHeartbeat.WORKER, process="w1")
    check_in(kind=ProcessHeartbeat.SCHEDULER, process="s1")
    status, body = _readyz(client)
    assert status == 200, body
    assert body["checks"]["worker"] == body["checks"]["scheduler"] == "ok"


def test_readyz_names_a_process_whose_last_check_in_is_too_old(
    client, expect_processes
):
    check_in(kind=ProcessHeartbeat.WORKER, process="w1")
    check_in(kind=ProcessHeartbeat.SCHEDULER, process="s1")
    ProcessHeartbeat.objects.filter(process_id="s1").update(
        seen_at=timezone.now() - timedelta(minutes=6)
    )
    status, body = _readyz(client)
    assert status == 503
    assert body["failing"] == ["scheduler"]
    assert "allowed 300s" in body["checks"]["scheduler"]


def test_without_expected_processes_readyz_checks_only_the_services(client, settings):
    settings.READYZ_PROCESSES = []
    status, body = _readyz(client)
    assert status == 200
    assert set(body["checks"]) == {"database", "cache", "channel_layer"}
