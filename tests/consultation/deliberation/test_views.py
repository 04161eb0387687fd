"""The discussion on the consultation and meeting pages, and its actions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultation.deliberation import services as deliberation_services
from consultation.models import Comment

pytestmark = pytest.mark.django_db


def _detail(topic):
    return reverse("consultation:detail", args=[topic.community.slug, topic.pk])


def _post(topic):
    return reverse("consultation:comment-post", args=[topic.community.slug, topic.pk])


def test_a_resident_posts_from_the_page_and_sees_the_comment(client, topic, residents):
    client.force_login(residents[0])
    page = client.get(_detail(topic)).content.decode()
    assert 'name="body"' in page
    response = client.post(
        _post(topic), {"body": "<b>支持</b>", "next": _detail(topic)}
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_detail(topic)}#comment-{comment.pk}"
    page = client.get(_detail(topic)).content.decode()
    assert "&lt;b&gt;支持&lt;/b&gt;" in page
    assert f'id="comment-{comment.pk}"' in page


def test_an_empty_comment_from_the_page_says_why_and_saves_nothing(
    client, topic, residents
):
    client.force_login(residents[0])
    response = client.post(_post(topic), {"body": ""}, follow=True)
    assert "This field is required." in response.content.decode()
    assert not Comment.objects.exists()


def test_the_rate_limit_message_is_shown_on_the_page(
    client, topic, residents, settings
):
    settings.CONSULTATION_COMMENTS_PER_MINUTE = 1
    client.force_login(residents[0])
    client.post(_post(topic), {"body": "一"})
    response = client.post(_post(topic), {"body": "二"}, follow=True)
    assert Comment.objects.count() == 1
    assert (
        "You are posting too quickly: at most 1 comments a minute. "
        "Wait a moment and try again." in response.content.decode()
    )


def test_a_next_address_off_the_site_is_ignored(client, topic, residents):
    client.force_login(residents[0])
    response = client.post(_post(topic), {"body": "x", "next": "https://evil.example/"})
    assert response["Location"].startswith(_detail(topic))


def test_anonymous_visitors_see_comments_but_no_form(client, topic, residents):
    deliberation_services.post_comment(
        author=residents[0], consultation=topic, body="看得到"
    )
    page = client.get(_detail(topic)).content.decode()
    assert "看得到" in page
    assert 'name="body"' not in page
    assert "csrfmiddlewaretoken" not in page
    assert "Sign in to take part in the discussion." in page


def test_a_hidden_comment_shows_the_reason_not_the_text(
    client, topic, residents, committee
):
    comment = deliberation_services.post_comment(
        author=residents[0], consultation=topic, body="不当言论"
    )
    client.force_login(residents[1])
    client.post(
        reverse("consultation:comment-report", args=[topic.community.slug, comment.pk]),
        {"reason": "攻击"},
    )
    assert comment.reports.count() == 1
    client.force_login(committee)
    page = client.get(_detail(topic)).content.decode()
    assert "reported 1 time" in page
    client.post(
        reverse("consultation:comment-hide", args=[topic.community.slug, comment.pk]),
        {"reason": "违反议事规则"},
    )
    client.logout()
    page = client.get(_detail(topic)).content.decode()
    assert "Hidden by the committee: 违反议事规则" in page
    assert "不当言论" not in page


def test_residents_see_no_hide_button_and_cannot_hide(client, topic, residents):
    comment = deliberation_services.post_comment(
        author=residents[0], consultation=topic, body="x"
    )
    client.force_login(residents[1])
    assert "Hide this comment" not in client.get(_detail(topic)).content.decode()
    client.post(
        reverse("consultation:comment-hide", args=[topic.community.slug, comment.pk]),
        {"reason": "r"},
    )
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_the_page_costs_the_same_queries_with_many_comments(
    client, topic, residents, django_assert_max_num_queries
):
    client.force_login(residents[0])
    Comment.objects.create(consultation=topic, author=residents[1], body="#决议1")
    client.get(_detail(topic))
    with django_assert_max_num_queries(40) as few:
        client.get(_detail(topic))
    for n in range(30):
        Comment.objects.create(
            consultation=topic,
            author=residents[n % 5],
            body=f"评论{n} #决议{n}",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_detail(topic))
    assert response.content.decode().count('class="comment') >= 30


def test_agenda_item_threads_on_the_meeting_page(client, held, residents):
    item = held.meeting.agenda_items.first()
    deliberation_services.post_comment(
        author=residents[0],
        consultation=held.consultation,
        body="选址合理",
        agenda_item=item,
    )
    page = client.get(
        reverse(
            "consultation:meeting", args=[held.meeting.community.slug, held.meeting.pk]
        )
    ).content.decode()
    assert f'id="agenda-item-{item.pk}-heading"' in page
    assert "选址合理" in page
    assert "Minutes of the meeting" in page


@pytest.mark.parametrize(
    "target", ["abc", "consultation:detail", "https://evil.example/", "//evil.example/"]
)
def test_a_next_value_that_is_not_a_local_path_goes_back_to_the_consultation(
    client, topic, residents, committee, target
):
    client.force_login(residents[0])
    response = client.post(_post(topic), {"body": "支持", "next": target})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_detail(topic)}#comment-{comment.pk}"
    response = client.post(_post(topic), {"body": "", "next": target})
    assert response["Location"] == _detail(topic)
    assert Comment.objects.count() == 1
    client.force_login(residents[1])
    report = reverse(
        "consultation:comment-report", args=[topic.community.slug, comment.pk]
    )
    response = client.post(report, {"reason": "攻击", "next": target})
    assert response["Location"] == _detail(topic)
    client.force_login(committee)
    hide = reverse("consultation:comment-hide", args=[topic.community.slug, comment.pk])
    response = client.post(hide, {"reason": "违规", "next": target})
    assert response["Location"] == _detail(topic)
