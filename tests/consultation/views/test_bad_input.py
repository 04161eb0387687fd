"""Every committee and voter form refuses bad input with a clear message, saving nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultation.meetings import services as meeting_services
from consultation.models import AgendaItem, Ballot, Consultation, Motion, Proxy, State
from consultation.topics import services as topic_services
from consultation.votes import services as vote_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(community, committee, walk):
    topic = topic_services.open_topic(
        actor=committee, community=community, title="停车", description="..."
    )
    walk(topic, State.ACCEPTED)
    return walk.meeting(topic)


@pytest.fixture
def item(meeting, committee):
    return meeting_services.add_agenda_item(
        actor=committee, meeting=meeting, title="停车位"
    )


def _meeting_action(client, meeting, name, data):
    return client.post(
        reverse(f"consultation:{name}", args=[meeting.community.slug, meeting.pk]),
        data,
        follow=True,
    ).content.decode()


def test_an_empty_topic_is_refused(client, community, committee):
    client.force_login(committee)
    response = client.post(
        reverse("consultation:topic-create", args=[community.slug]),
        {"title": "", "description": ""},
    )
    assert "This field is required." in response.content.decode()
    assert not Consultation.objects.exists()


def test_an_agenda_item_without_a_title_is_refused(client, committee, meeting):
    client.force_login(committee)
    body = _meeting_action(client, meeting, "meeting-agenda", {"title": ""})
    assert "Give the agenda item a title." in body
    assert not AgendaItem.objects.exists()


def test_a_single_choice_motion_with_one_option_is_refused(
    client, committee, meeting, item
):
    client.force_login(committee)
    body = _meeting_action(
        client,
        meeting,
        "motion-create",
        {
            "agenda_item": item.pk,
            "title": "选哪个门",
            "method": "single",
            "options": "东门",
            "max_choices": 1,
            "electorate": "residents",
        },
    )
    assert "Give at least two options." in body
    assert not Motion.objects.exists()


def test_a_proxy_for_an_unknown_person_is_refused(
    client, community, committee, item, make_resident
):
    make_resident()
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="是否"
    )
    vote_services.open_vote(actor=committee, motion=motion)
    client.force_login(committee)
    body = client.post(
        reverse("consultation:motion-proxy", args=[community.slug, motion.pk]),
        {
            "elector": motion.electors.get().pk,
            "holder_email": "nobody@example.org",
        },
        follow=True,
    ).content.decode()
    assert "Nobody has an account with that e-mail." in body
    assert not Proxy.objects.exists()


@pytest.mark.parametrize("data", [{}, {"option": ["x"]}, {"option": ["999999"]}])
def test_a_ballot_without_a_valid_choice_is_refused(
    client, community, committee, item, make_resident, data
):
    voter = make_resident()
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="是否"
    )
    vote_services.open_vote(actor=committee, motion=motion)
    client.force_login(voter)
    body = client.post(
        reverse("consultation:motion-vote", args=[community.slug, motion.pk]),
        data,
        follow=True,
    ).content.decode()
    assert "Choose among the motion&#x27;s options." in body
    assert not Ballot.objects.exists()


def test_a_person_outside_the_electorate_cannot_vote(
    client, community, committee, item, user_factory
):
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="是否"
    )
    vote_services.open_vote(actor=committee, motion=motion)
    client.force_login(user_factory())
    body = client.post(
        reverse("consultation:motion-vote", args=[community.slug, motion.pk]),
        {"option": [motion.options.first().pk]},
        follow=True,
    ).content.decode()
    assert "You cannot vote on this motion." in body
    assert not Ballot.objects.exists()


def test_a_resident_cannot_run_meeting_actions(client, meeting, make_resident):
    client.force_login(make_resident())
    response = client.post(
        reverse(
            "consultation:meeting-agenda", args=[meeting.community.slug, meeting.pk]
        ),
        {"title": "x"},
    )
    assert response.status_code == 403
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("elector", ["abc", str(2**63), "0000-00-00", "999999"])
def test_a_ballot_for_an_elector_that_is_not_one_is_refused(
    client, community, committee, item, make_resident, elector
):
    voter = make_resident()
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="是否"
    )
    vote_services.open_vote(actor=committee, motion=motion)
    client.force_login(voter)
    response = client.post(
        reverse("consultation:motion-vote", args=[community.slug, motion.pk]),
        {"elector": elector, "option": [motion.options.first().pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "You may not vote for this elector." in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("option", [str(2**63), "-1"])
def test_a_ballot_with_an_option_id_out_of_range_is_refused(
    client, community, committee, item, make_resident, option
):
    voter = make_resident()
    motion = vote_services.create_motion(
        actor=committee, agenda_item=item, title="是否"
    )
    vote_services.open_vote(actor=committee, motion=motion)
    client.force_login(voter)
    body = client.post(
        reverse("consultation:motion-vote", args=[community.slug, motion.pk]),
        {"option": [option]},
        follow=True,
    ).content.decode()
    assert "Choose among the motion&#x27;s options." in body
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("participant", ["abc", str(2**63), ""])
def test_checking_in_a_participant_that_is_not_a_number_answers_400(
    client, committee, meeting, make_resident, participant
):
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind="resident", user=make_resident()
    )
    client.force_login(committee)
    response = client.post(
        reverse(
            "consultation:meeting-check-in", args=[meeting.community.slug, meeting.pk]
        ),
        {"participant": participant},
    )
    assert response.status_code == 400
    assert not meeting.participants.filter(checked_in_at__isnull=False).exists()


def test_a_path_id_past_the_database_range_is_not_found(client, community, committee):
    client.force_login(committee)
    huge = 2**63
    for name in ("consultation:detail", "consultation:motion"):
        assert client.get(reverse(name, args=[community.slug, huge])).status_code == 404
    response = client.post(
        reverse("consultation:motion-vote", args=[community.slug, huge]), {}
    )
    assert response.status_code == 404
