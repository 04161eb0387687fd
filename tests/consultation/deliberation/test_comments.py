"""Comments: who may post, replies, safe rendering, reports, hiding, rate limit."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from consultation.deliberation import rendering as deliberation_rendering
from consultation.deliberation import services as deliberation_services
from consultation.meetings import services as meeting_services
from consultation.models import Comment, CommentReport, Participant
from notifications.models import Notification
from tests.consultation.factories import ConsultationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_verified_resident_comments_and_replies_one_level_deep(topic, residents):
    first = deliberation_services.post_comment(
        author=residents[0], consultation=topic, body="支持增设"
    )
    reply = deliberation_services.post_comment(
        author=residents[1], consultation=topic, body="同意", parent=first
    )
    # Answering a reply joins the same thread.
    deeper = deliberation_services.post_comment(
        author=residents[2], consultation=topic, body="+1", parent=reply
    )
    assert reply.parent == first
    assert deeper.parent == first


def test_an_invited_participant_who_is_not_a_resident_may_comment(
    topic, committee, walk
):
    walk(topic, "accepted")
    meeting = walk.meeting(topic)
    expert = UserFactory()
    with pytest.raises(ValidationError):
        deliberation_services.post_comment(
            author=expert, consultation=topic, body="意见"
        )
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind=Participant.Kind.EXPERT, user=expert
    )
    comment = deliberation_services.post_comment(
        author=expert, consultation=topic, body="意见"
    )
    assert comment.author == expert


@pytest.mark.parametrize("who", ["stranger", "pending"])
def test_others_cannot_comment(topic, make_resident, who):
    from communities.models import Membership

    person = (
        UserFactory()
        if who == "stranger"
        else make_resident(status=Membership.Status.PENDING)
    )
    with pytest.raises(ValidationError, match="cannot comment"):
        deliberation_services.post_comment(author=person, consultation=topic, body="x")
    assert not Comment.objects.exists()


def test_a_closed_consultation_takes_no_more_comments(topic, walk, residents):
    walk(topic, "closed")
    with pytest.raises(ValidationError, match="cannot comment"):
        deliberation_services.post_comment(
            author=residents[0], consultation=topic, body="x"
        )


@pytest.mark.parametrize("body", ["", "   ", "长" * 2001])
def test_an_empty_or_too_long_comment_is_refused(topic, residents, body):
    with pytest.raises(ValidationError) as error:
        deliberation_services.post_comment(
            author=residents[0], consultation=topic, body=body
        )
    assert "body" in error.value.message_dict
    assert not Comment.objects.exists()


def test_an_agenda_item_of_another_consultation_is_refused(topic, residents, held):
    item = held.meeting.agenda_items.first()
    with pytest.raises(ValidationError, match="another consultation"):
        deliberation_services.post_comment(
            author=residents[0], consultation=topic, body="x", agenda_item=item
        )


def test_a_reply_stays_on_its_agenda_item(held, residents):
    item = held.meeting.agenda_items.first()
    first = deliberation_services.post_comment(
        author=residents[0], consultation=held.consultation, body="x", agenda_item=item
    )
    reply = deliberation_services.post_comment(
        author=residents[1], consultation=held.consultation, body="y", parent=first
    )
    assert reply.agenda_item == item


def test_posting_is_rate_limited_per_person_per_minute(
    topic, residents, time_machine_now, settings
):
    settings.CONSULTATION_COMMENTS_PER_MINUTE = 3
    for n in range(3):
        deliberation_services.post_comment(
            author=residents[0], consultation=topic, body=f"{n}"
        )
    with pytest.raises(ValidationError) as error:
        deliberation_services.post_comment(
            author=residents[0], consultation=topic, body="4"
        )
    assert error.value.messages == [
        "You are posting too quickly: at most 3 comments a minute. "
        "Wait a moment and try again."
    ]
    # Someone else is not slowed down.
    deliberation_services.post_comment(
        author=residents[1], consultation=topic, body="other"
    )
    assert Comment.objects.count() == 4
    time_machine_now.shift(datetime.timedelta(minutes=1))
    deliberation_services.post_comment(
        author=residents[0], consultation=topic, body="later"
    )
    assert Comment.objects.count() == 5


def test_a_refused_comment_does_not_use_up_the_allowance(topic, residents, settings):
    settings.CONSULTATION_COMMENTS_PER_MINUTE = 1
    with pytest.raises(ValidationError):
        deliberation_services.post_comment(
            author=residents[0], consultation=topic, body=" "
        )
    deliberation_services.post_comment(
        author=residents[0], consultation=topic, body="ok"
    )


# ---------------------------------------------------------------------------
# Reports and hiding
# ---------------------------------------------------------------------------
def test_a_resident_reports_a_comment_once_and_the_committee_is_told(
    topic, residents, committee
):
    comment = deliberation_services.post_comment(
        author=residents[0], consultation=topic, body="广告"
    )
    deliberation_services.report_comment(
        user=residents[1], comment=comment, reason="广告"
    )
    with pytest.raises(ValidationError, match="already reported"):
        deliberation_services.report_comment(user=residents[1], comment=comment)
    deliberation_services.report_comment(user=residents[2], comment=comment)
    assert comment.reports.count() == 2
    # The committee is told about the first report only.
    notices = Notification.objects.filter(kind="consultation.comment_reported")
    assert [n.recipient for n in notices] == [committee]


def test_nobody_reports_their_own_comment_and_outsiders_cannot_report(topic, residents):
    comment = deliberation_services.post_comment(
        author=residents[0], consultation=topic, body="x"
    )
    with pytest.raises(ValidationError, match="cannot report"):
        deliberation_services.report_comment(user=residents[0], comment=comment)
    with pytest.raises(ValidationError, match="cannot report"):
        deliberation_services.report_comment(user=UserFactory(), comment=comment)
    assert not CommentReport.objects.exists()


def test_the_committee_hides_a_comment_with_a_reason_and_the_author_is_told(
    topic, residents, committee
):
    comment = deliberation_services.post_comment(
        author=residents[0], consultation=topic, body="人身攻击"
    )
    with pytest.raises(ValidationError) as error:
        deliberation_services.hide_comment(actor=committee, comment=comment, reason=" ")
    assert "reason" in error.value.message_dict
    deliberation_services.hide_comment(
        actor=committee, comment=comment, reason="人身攻击"
    )
    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.hidden_by == committee
    notice = Notification.objects.get(kind="consultation.comment_hidden")
    assert notice.recipient == residents[0]
    assert "人身攻击" in notice.body
    assert AuditEvent.objects.filter(action="consultation.comment_hidden").exists()
    with pytest.raises(ValidationError, match="already hidden"):
        deliberation_services.hide_comment(
            actor=committee, comment=comment, reason="again"
        )


def test_residents_cannot_hide_comments(topic, residents):
    comment = deliberation_services.post_comment(
        author=residents[0], consultation=topic, body="x"
    )
    with pytest.raises(ValidationError):
        deliberation_services.hide_comment(
            actor=residents[1], comment=comment, reason="r"
        )
    comment.refresh_from_db()
    assert not comment.is_hidden


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------
def _render(body, community, resolutions=None, host="testserver"):
    return str(
        deliberation_rendering.render_comment(
            body, community=community, resolutions=resolutions or {}, host=host
        )
    )


def test_comments_are_plain_text(community):
    html = _render('<script>alert(1)</script>\n<a href="x">y</a>', community)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<br>" in html
    assert 'href="x"' not in html


def test_resolution_mentions_link_only_to_this_communitys_resolutions(
    resolution, community
):
    body = f"按照 #决议{resolution.pk} 和 #resolution-{resolution.pk}，还有 #决议999"
    links = deliberation_rendering.resolution_links(community, [body])
    html = _render(body, community, links)
    url = f"/{community.slug}/consultations/resolutions/{resolution.pk}/"
    assert html.count(f'<a href="{url}">') == 2
    assert "#决议999" in html
    assert "999/" not in html
    other = ConsultationFactory().community
    assert deliberation_rendering.resolution_links(other, [body]) == {}


def test_pasted_addresses_of_the_communitys_own_pages_become_links(community):
    own = f"http://testserver/{community.slug}/disclosures/12/?tab=2#clause-3"
    body = (
        f"见 {own} 以及 http://evil.example/{community.slug}/x "
        "和 http://testserver/other-community/charter/ "
        'http://testserver/x"onmouseover="alert(1)'
    )
    html = _render(body, community)
    assert (
        f'<a href="/{community.slug}/disclosures/12/?tab=2#clause-3">{own}</a>' in html
    )
    assert html.count("<a ") == 1
    assert '"onmouseover' not in html
