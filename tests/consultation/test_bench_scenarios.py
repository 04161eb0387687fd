"""The consultation bench scenarios build their data and their pages answer, with a
number of queries that does not grow with the ballots or the comments."""

from __future__ import annotations

from bench.scenarios import consultation_live
from consultation.models import Ballot, Comment
from tests.factories import UserFactory


def test_the_scenarios_build_their_data_and_render(community, client, monkeypatch):
    monkeypatch.setattr(consultation_live, "BALLOTS", 30)
    monkeypatch.setattr(consultation_live, "COMMENTS", 60)
    UserFactory.create_batch(30)

    list_path = consultation_live._consultation_list()
    vote_path = consultation_live._closed_vote()
    page_path = consultation_live._consultation_with_comments()

    assert Ballot.objects.count() == 30
    assert Comment.objects.count() == 60
    for path in (list_path, vote_path, page_path):
        assert client.get(path).status_code == 200
    assert "第1条意见" in client.get(page_path).text


def test_the_comment_page_costs_the_same_queries_with_more_comments(
    community, client, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(consultation_live, "BALLOTS", 20)
    UserFactory.create_batch(20)
    monkeypatch.setattr(consultation_live, "COMMENTS", 55)
    path = consultation_live._consultation_with_comments()
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    Comment.objects.all().delete()
    monkeypatch.setattr(consultation_live, "COMMENTS", 150)
    consultation_live._consultation_with_comments()
    with CaptureQueriesContext(connection) as many:
        client.get(path)
    assert Comment.objects.count() == 150
    assert len(many) == len(few)


def test_a_closed_vote_page_is_served_from_the_page_cache_to_visitors(
    community, client, monkeypatch
):
    from django.core.cache import cache

    from consultation.models import Motion

    cache.clear()  # other tests may have cached a page at the same address
    monkeypatch.setattr(consultation_live, "BALLOTS", 10)
    UserFactory.create_batch(10)
    path = consultation_live._closed_vote()
    first = client.get(path)
    again = client.get(path)
    assert first.status_code == again.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content

    # An open vote's tally moves with every ballot: never from the cache.
    Motion.objects.filter(title__endswith="closed-vote").update(status="open")
    assert "X-Page-Cache" not in client.get(path)
    assert "X-Page-Cache" not in client.get(path)
