"""The shared verification helper (communities.verification): serials, the one
"not found", the per-address limit and no caching."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from communities import verification

pytestmark = pytest.mark.django_db


def test_serials_are_random_unique_and_prefixed():
    serials = {verification.new_serial("ZM") for _ in range(500)}
    assert len(serials) == 500
    assert all(re.fullmatch(r"ZM-[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", s) for s in serials)


def test_a_typed_serial_is_normalised():
    assert verification.normalise_serial(" zm-ab cd \n") == "ZM-ABCD"
    assert verification.normalise_serial(None) == ""
    assert len(verification.normalise_serial("x" * 100)) == 32


def _page(serial, found=None, **kwargs):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9")
    return verification.verify_page(
        request,
        serial,
        scope="test:verify",
        template="volunteers/records/verify.html",
        lookup=lambda value: found if value == "GOOD" else None,
        found=lambda item: {},
        **kwargs,
    )


def test_found_not_found_and_the_form_alone():
    cache.delete("test:verify:10.0.0.9")
    assert _page(None).status_code == 200
    assert _page("good", found=object()).status_code == 200
    assert _page("bad").status_code == 404
    assert _page("bad")["Cache-Control"] == "private, no-store"


def test_past_the_limit_every_look_up_is_429():
    cache.delete("test:verify:10.0.0.9")  # Redis keeps counters between tests
    for _ in range(3):
        assert _page("bad", limit=3).status_code == 404
    limited = _page("good", found=object(), limit=3)
    assert limited.status_code == 429
    assert limited["Cache-Control"] == "private, no-store"
    assert _page(None, limit=3).status_code == 200
