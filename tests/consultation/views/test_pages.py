"""The consultation pages: list, chain, suggestions, committee controls, meetings, votes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation.meetings import services as meeting_services
from consultation.models import Ballot, Consultation, Meeting, State, Suggestion
from consultation.topics import services as topic_services
from consultation.votes import services as vote_services
from tests.consultation.factories import ConsultationFactory, SuggestionFactory

pytestmark = pytest.mark.django_db


def _list(community):
    return reverse("consultation:list", args=[community.slug])


def test_the_community_nav_links_to_consultations_for_everyone(rf, community):
    from django.contrib.auth.models import AnonymousUser

    from communities import navigation

    request = rf.get("/")
    request.user = AnonymousUser()
    items = navigation.items_for(request=request, community=community)
    assert {"key": "consultations", "url": _list(community)}.items() <= next(
        i for i in items if i["key"] == "consultations"
    ).items()


def test_the_list_shows_topics_and_suggestions_and_anonymous_gets_no_forms(
    client, community
):
    ConsultationFactory(community=community, title="加装电梯")
    SuggestionFactory(community=community, title="增加充电桩")
    response = client.get(_list(community))
    body = response.content.decode()
    assert "加装电梯" in body
    assert "增加充电桩" in body
    assert "csrfmiddlewaretoken" not in body
    assert "<script>" not in body


def test_the_list_shows_an_overdue_decision(client, community):
    ConsultationFactory(
        community=community,
        origin="petition",
        suggestion=SuggestionFactory(community=community, status="promoted"),
        decision_due_at=timezone.now() - datetime.timedelta(days=1),
    )
    assert "decision overdue" in client.get(_list(community)).content.decode()


@pytest.mark.parametrize("n", [1, 15])
def test_the_list_queries_do_not_grow_with_the_data(
    client, community, django_assert_max_num_queries, n
):
    for _ in range(n):
        ConsultationFactory(community=community)
        SuggestionFactory(community=community)
    with django_assert_max_num_queries(12):
        assert client.get(_list(community)).status_code == 200


def test_the_state_filter(client, community):
    ConsultationFactory(community=community, title="甲议题", state="accepted")
    ConsultationFactory(community=community, title="乙议题")
    body = client.get(_list(community) + "?state=accepted").content.decode()
    assert "甲议题" in body
    assert "乙议题" not in body


def test_a_resident_suggests_and_another_supports_until_it_becomes_a_topic(
    client, community, make_resident
):
    people = [make_resident() for _ in range(20)]  # threshold 2
    client.force_login(people[0])
    response = client.post(
        reverse("consultation:suggestion-create", args=[community.slug]),
        {"title": "增加充电桩", "description": "车库里没有充电桩"},
    )
    suggestion = Suggestion.objects.get()
    assert response.url == reverse(
        "consultation:suggestion", args=[community.slug, suggestion.pk]
    )
    client.force_login(people[1])
    page = client.get(response.url).content.decode()
    assert "Support this suggestion" in page
    client.post(
        reverse("consultation:suggestion-support", args=[community.slug, suggestion.pk])
    )
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.PROMOTED
    page = client.get(response.url).content.decode()
    assert "It became a topic" in page


def test_an_empty_suggestion_is_refused_with_a_clear_error(
    client, community, make_resident
):
    client.force_login(make_resident())
    response = client.post(
        reverse("consultation:suggestion-create", args=[community.slug]),
        {"title": "", "description": ""},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_non_resident_cannot_open_the_suggestion_form(
    client, community, user_factory
):
    client.force_login(user_factory())
    response = client.get(
        reverse("consultation:suggestion-create", args=[community.slug])
    )
    assert response.status_code == 403


def test_the_committee_proposes_accepts_and_moves_a_topic_on(
    client, community, committee
):
    client.force_login(committee)
    response = client.post(
        reverse("consultation:topic-create", args=[community.slug]),
        {"title": "加装电梯", "description": "3号楼"},
    )
    topic = Consultation.objects.get()
    detail = reverse("consultation:detail", args=[community.slug, topic.pk])
    assert response.url == detail
    page = client.get(detail).content.decode()
    assert "Accept the topic" in page
    client.post(
        reverse("consultation:topic-accept", args=[community.slug, topic.pk]),
        {"reason": ""},
    )
    topic.refresh_from_db()
    assert topic.state == State.ACCEPTED
    # Skipping ahead is refused with a message; the state stays.
    client.post(reverse("consultation:step-close", args=[community.slug, topic.pk]))
    topic.refresh_from_db()
    assert topic.state == State.ACCEPTED
    page = client.get(detail).content.decode()
    assert "Schedule a meeting" in page
    assert "History" in page


def test_declining_without_a_reason_is_refused(client, community, committee):
    topic = ConsultationFactory(community=community)
    client.force_login(committee)
    response = client.post(
        reverse("consultation:topic-decline", args=[community.slug, topic.pk]),
        {"reason": ""},
        follow=True,
    )
    assert "public reason" in response.content.decode()
    topic.refresh_from_db()
    assert topic.state == State.PROPOSED


def test_a_resident_cannot_decide(client, community, make_resident):
    topic = ConsultationFactory(community=community)
    client.force_login(make_resident())
    response = client.post(
        reverse("consultation:topic-accept", args=[community.slug, topic.pk]),
        {"reason": "x"},
    )
    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.state == State.PROPOSED


def test_the_consultation_page_shows_the_chain_and_the_history(
    client, community, committee, walk
):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="加装电梯", description="..."
    )
    walk(topic, State.NOTICE_PUBLISHED)
    body = client.get(
        reverse("consultation:detail", args=[community.slug, topic.pk])
    ).content.decode()
    for label in (
        "proposed",
        "accepted",
        "participants set",
        "notice published",
        "closed",
    ):
        assert label in body
    assert 'aria-current="step"' in body
    assert "csrfmiddlewaretoken" not in body


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------
@pytest.fixture
def accepted(community, committee, walk):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="停车", description="..."
    )
    return walk(topic, State.ACCEPTED)


def test_scheduling_a_meeting_with_bad_input_shows_the_errors(
    client, community, committee, accepted
):
    client.force_login(committee)
    url = reverse("consultation:meeting-create", args=[community.slug, accepted.pk])
    starts = timezone.localtime() + datetime.timedelta(days=5)
    response = client.post(
        url,
        {
            "title": "议事会",
            "form": "deliberation",
            "mode": "in_person",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts - datetime.timedelta(hours=1)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "place": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The meeting must end after it starts." in body
    assert "Give the place of an in-person meeting." in body
    assert not Meeting.objects.exists()


def test_a_meeting_page_with_registration_and_ics(
    client, community, committee, accepted, walk, make_resident
):
    meeting = walk.meeting(accepted, registration_open=True, capacity=1)
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="affected", name="3号楼"
    )
    topic_services.set_participants(actor=committee, consultation=accepted)
    url = reverse("consultation:meeting", args=[community.slug, meeting.pk])
    ics_url = reverse("consultation:meeting-ics", args=[community.slug, meeting.pk])
    # Before the notice the calendar file is not public.
    assert client.get(ics_url).status_code == 404
    meeting_services.publish_notice(actor=committee, meeting=meeting)
    response = client.get(ics_url)
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT\r\n" in response.content
    resident, late = make_resident(), make_resident()
    client.force_login(resident)
    assert "Register for this meeting" in client.get(url).content.decode()
    client.post(
        reverse("consultation:meeting-register", args=[community.slug, meeting.pk])
    )
    assert meeting.participants.filter(user=resident).exists()
    calendar = client.get(reverse("consultation:my-calendar"))
    assert str(meeting.uid).encode() in calendar.content
    client.force_login(late)
    response = client.post(
        reverse("consultation:meeting-register", args=[community.slug, meeting.pk]),
        follow=True,
    )
    assert "The meeting is full." in response.content.decode()
    assert not meeting.participants.filter(user=late).exists()


def test_the_meeting_page_queries_do_not_grow_with_participants(
    client,
    community,
    committee,
    accepted,
    walk,
    make_resident,
    django_assert_max_num_queries,
):
    meeting = walk.meeting(accepted)
    for _ in range(12):
        meeting_services.invite_participant(
            actor=committee, meeting=meeting, kind="resident", user=make_resident()
        )
    url = reverse("consultation:meeting", args=[community.slug, meeting.pk])
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_committee_meeting_actions_publish_the_notice_and_add_items(
    client, community, committee, accepted, walk
):
    meeting = walk.meeting(accepted)
    client.force_login(committee)

    def action(name):
        return reverse(f"consultation:{name}", args=[community.slug, meeting.pk])

    client.post(action("meeting-invite"), {"kind": "affected", "name": "3号楼"})
    client.post(action("meeting-agenda"), {"title": "停车位改造"})
    assert meeting.agenda_items.get().title == "停车位改造"
    # Notice before participants are set: refused.
    response = client.post(action("meeting-publish-notice"), follow=True)
    assert "Set the participants" in response.content.decode()
    topic_services.set_participants(actor=committee, consultation=accepted)
    client.post(action("meeting-publish-notice"))
    meeting.refresh_from_db()
    assert meeting.notice_published_at is not None
    response = client.post(
        action("motion-create"),
        {
            "agenda_item": meeting.agenda_items.get().pk,
            "title": "是否同意",
            "method": "yes_no",
            "max_choices": 1,
            "electorate": "residents",
        },
    )
    motion = meeting.agenda_items.get().motions.get()
    assert response.url == reverse(
        "consultation:motion", args=[community.slug, motion.pk]
    )


def test_an_invitation_without_email_or_name_is_refused(
    client, community, committee, accepted, walk
):
    meeting = walk.meeting(accepted)
    client.force_login(committee)
    response = client.post(
        reverse("consultation:meeting-invite", args=[community.slug, meeting.pk]),
        {"kind": "unit"},
        follow=True,
    )
    assert "Give an e-mail address or a name." in response.content.decode()
    assert not meeting.participants.exists()


# ---------------------------------------------------------------------------
# Votes
# ---------------------------------------------------------------------------
def test_the_vote_page_casts_a_ballot_and_shows_the_result_after_close(
    client, community, committee, accepted, walk, make_resident
):
    meeting = walk.meeting(accepted)
    item = meeting_services.add_agenda_item(
        actor=committee, meeting=meeting, title="停车"
    )
    voter = make_resident()
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="是否同意", hide_results=True
    )
    url = reverse("consultation:motion", args=[community.slug, motion.pk])
    client.force_login(committee)
    client.post(
        reverse("consultation:motion-open", args=[community.slug, motion.pk]),
        {},
    )
    client.force_login(voter)
    page = client.get(url).content.decode()
    assert "Cast my ballot" in page
    option = motion.options.get(code="for")
    client.post(
        reverse("consultation:motion-vote", args=[community.slug, motion.pk]),
        {"option": [option.pk]},
    )
    assert Ballot.objects.filter(cast_by=voter).exists()
    page = client.get(url).content.decode()
    assert "Your ballot is cast." in page
    assert "Results are shown when the vote closes." in page
    client.force_login(committee)
    client.post(
        reverse("consultation:motion-close", args=[community.slug, motion.pk]),
        {},
    )
    client.logout()
    page = client.get(url).content.decode()
    assert "data-turnout>1 " in page
    assert 'data-valid="yes"' in page
    assert 'data-passed="yes"' in page


def test_a_bad_paper_tally_is_refused_with_a_message(
    client, community, committee, accepted, walk
):
    meeting = walk.meeting(accepted)
    item = meeting_services.add_agenda_item(
        actor=committee, meeting=meeting, title="停车"
    )
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="是否"
    )
    vote_services.open_vote(actor=committee, motion=motion)
    client.force_login(committee)
    data = {"ballots": "5"}
    for option in motion.options.all():
        data[f"option_{option.pk}"] = "1"
    response = client.post(
        reverse("consultation:motion-paper-tally", args=[community.slug, motion.pk]),
        data,
        follow=True,
    )
    assert "there cannot be more paper ballots" in response.content.decode()
    assert not hasattr(type(motion).objects.get(pk=motion.pk), "paper_tally")
