"""The foundation's input helpers: ids, redirect targets, path ids out of range."""

from __future__ import annotations

import pytest
from django.core.exceptions import BadRequest
from django.http import Http404, QueryDict
from django.test import RequestFactory

from communities.forms import MAX_ID, parse_id, parse_ids, posted_id
from communities.middleware import IdRangeMiddleware
from communities.views import local_next


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("0", None),
        ("-1", None),
        ("abc", None),
        ("0000-00-00", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_id_takes_only_what_an_id_column_holds(value, expected):
    assert parse_id(value) == expected


def test_posted_id_answers_400_and_parse_ids_refuses_any_bad_value():
    assert posted_id(QueryDict("motion=7"), "motion") == 7
    with pytest.raises(BadRequest):
        posted_id(QueryDict("motion=abc"), "motion")
    assert parse_ids(["1", "2"]) == [1, 2]
    assert parse_ids(["1", str(2**63)]) is None


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/heping/consultations/1/", "/heping/consultations/1/"),
        ("consultation:detail", "/back/"),
        ("abc", "/back/"),
        ("https://evil.example/", "/back/"),
        ("//evil.example/", "/back/"),
        ("/\\evil.example/", "/back/"),
        ("", "/back/"),
    ],
)
def test_local_next_keeps_only_paths_on_this_site(target, expected):
    request = RequestFactory().post("/x/", {"next": target})
    assert local_next(request, "/back/") == expected


def test_a_path_id_past_the_range_is_not_found():
    middleware = IdRangeMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_view(request, None, (), {"pk": MAX_ID}) is None
    with pytest.raises(Http404):
        middleware.process_view(request, None, (), {"slug": "x", "pk": MAX_ID + 1})
