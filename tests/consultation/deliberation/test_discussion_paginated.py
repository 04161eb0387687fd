"""A topic's discussion is paginated (issue 16): its threads oldest first, a
page of them at a time (`?discussion=`), each with its replies; a link to a
comment (after posting it, in a notification) lands on the page that holds it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities import pagination
from consultation.deliberation import selectors as deliberation_selectors
from consultation.models import Comment
from tests.support.pagination import PER_PAGE, assert_paginated

pytestmark = pytest.mark.django_db


def _detail(topic):
    return reverse("consultation:detail", args=[topic.community.slug, topic.pk])


def _add_threads(topic, author, n):
    roots = Comment.objects.bulk_create(
        Comment(consultation=topic, author=author, body=f"意见{i}") for i in range(n)
    )
    Comment.objects.bulk_create(
        Comment(consultation=topic, author=author, parent=root, body="回复")
        for root in roots
    )


def test_the_discussion_is_paginated_by_thread(client, monkeypatch, topic, residents):
    assert_paginated(
        client,
        monkeypatch,
        _detail(topic),
        lambda n: _add_threads(topic, residents[0], n),
        key="comments",
        param="discussion",
    )
    page = client.get(_detail(topic)).context["comments"]
    # Each thread on the page comes with its replies.
    assert all(len(c.thread_replies) == 1 for c in page.object_list)


def test_a_link_to_a_comment_lands_on_the_page_that_holds_it(
    client, monkeypatch, topic, residents
):
    monkeypatch.setattr(pagination, "PER_PAGE", PER_PAGE)
    _add_threads(topic, residents[0], PER_PAGE + 1)
    first = Comment.objects.filter(parent__isnull=True).order_by("pk").first()
    last_reply = Comment.objects.filter(parent__isnull=False).order_by("pk").last()
    assert deliberation_selectors.comment_url(first) == (
        f"{_detail(topic)}#comment-{first.pk}"
    )
    url = deliberation_selectors.comment_url(last_reply)
    assert url == f"{_detail(topic)}?discussion=2#comment-{last_reply.pk}"
    assert f'id="comment-{last_reply.pk}"' in client.get(url).content.decode()

    client.force_login(residents[1])
    response = client.post(
        reverse("consultation:comment-post", args=[topic.community.slug, topic.pk]),
        {"body": "新意见", "next": _detail(topic)},
    )
    new = Comment.objects.latest("pk")
    assert response["Location"] == f"{_detail(topic)}?discussion=2#comment-{new.pk}"
    assert f'id="comment-{new.pk}"' in client.get(response["Location"]).content.decode()
