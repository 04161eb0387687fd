"""The committee links a motion to a charter in the meeting page, closes it with the
women attending, and the charter's vote record links back to the motion."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultation.meetings import services as meeting_services
from consultation.models import Motion
from consultation.topics import services as topic_services
from consultation.votes import services as vote_services
from governance.charters.models import AdoptionVote, CharterState

pytestmark = pytest.mark.django_db
S = CharterState


@pytest.fixture
def setup(start, advance, walk, committee, community):
    version = advance(start(), S.REVIEW_PASSED)
    consultation = topic_services.open_topic(
        actor=committee, community=community, title="修订居民公约", description="表决"
    )
    walk(consultation, "participants_set")
    meeting = consultation.meetings.first()
    item = meeting_services.add_agenda_item(
        actor=committee, meeting=meeting, title="表决"
    )
    return version, consultation, meeting, item


def test_the_committee_holds_a_charter_vote_through_the_pages(
    client, setup, walk, committee, committee_member, residents
):
    version, consultation, meeting, item = setup
    slug = meeting.community.slug
    client.force_login(committee)
    page = client.get(reverse("consultation:meeting", args=[slug, meeting.pk]))
    assert f'value="{version.pk}"' in page.content.decode()
    response = client.post(
        reverse("consultation:motion-create", args=[slug, meeting.pk]),
        {
            "agenda_item": item.pk,
            "title": "同意通过居民公约",
            "method": "yes_no",
            "max_choices": 1,
            "electorate": "residents",
            "charter_version": version.pk,
        },
    )
    motion = Motion.objects.get()
    assert response["Location"] == reverse(
        "consultation:motion", args=[slug, motion.pk]
    )
    assert motion.charter_version_id == version.pk
    walk(consultation, "held")
    vote_services.open_vote(actor=committee, motion=motion)
    option = motion.options.get(code="for")
    for person in residents[:7]:
        vote_services.cast_ballot(user=person, motion=motion, option_ids=[option.pk])
    close = reverse("consultation:motion-close", args=[slug, motion.pk])
    motion_page = client.get(reverse("consultation:motion", args=[slug, motion.pk]))
    assert 'name="women"' in motion_page.content.decode()

    # Bad input: no number of women. Clear error, nothing closed or recorded.
    response = client.post(close, follow=True)
    assert "This field is required." in response.content.decode()
    motion.refresh_from_db()
    assert motion.status == Motion.Status.OPEN
    assert not AdoptionVote.objects.exists()
    response = client.post(close, {"women": "8"}, follow=True)
    assert "between 0 and the 7 people" in response.content.decode()
    assert not AdoptionVote.objects.exists()

    response = client.post(close, {"women": "3"}, follow=True)
    body = response.content.decode()
    assert 'data-charter-outcome="adopted"' in body
    version.refresh_from_db()
    assert version.state == S.VOTED

    # The charter's meeting records link back to the motion.
    client.force_login(committee_member)
    work = client.get(reverse("governance:charter-version", args=[slug, version.pk]))
    assert work.status_code == 200
    motion_url = reverse("consultation:motion", args=[slug, motion.pk])
    assert f'<a href="{motion_url}">' in work.content.decode()


def test_a_bad_charter_choice_is_refused_with_nothing_saved(client, setup, committee):
    version, consultation, meeting, item = setup
    slug = meeting.community.slug
    client.force_login(committee)
    response = client.post(
        reverse("consultation:motion-create", args=[slug, meeting.pk]),
        {
            "agenda_item": item.pk,
            "title": "同意",
            "method": "yes_no",
            "max_choices": 1,
            "electorate": "residents",
            "charter_version": version.pk + 999,
        },
        follow=True,
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Motion.objects.exists()


def test_the_live_control_page_closes_a_charter_vote_with_the_women_attending(
    client, setup, walk, committee, residents
):
    version, consultation, meeting, item = setup
    slug = meeting.community.slug
    motion = vote_services.create_motion(
        actor=committee,
        agenda_item=item,
        title="同意通过居民公约",
        charter_version_id=version.pk,
    )
    walk(consultation, "held")
    vote_services.open_vote(actor=committee, motion=motion)
    option = motion.options.get(code="for")
    for person in residents[:7]:
        vote_services.cast_ballot(user=person, motion=motion, option_ids=[option.pk])
    client.force_login(committee)
    control = reverse("consultation:live", args=[slug, meeting.pk])
    assert 'name="women"' in client.get(control).content.decode()
    action = reverse("consultation:live-close-vote", args=[slug, meeting.pk])

    # Bad input: letters, then nothing. A clear error; the vote stays open.
    for women in ("three", ""):
        page = client.post(
            action,
            {"motion": motion.pk, "women": women},
            follow=True,
        )
        motion.refresh_from_db()
        assert motion.status == Motion.Status.OPEN
        assert not AdoptionVote.objects.exists()
    assert "women" in page.content.decode().lower()

    client.post(action, {"motion": motion.pk, "women": "3"})
    motion.refresh_from_db()
    assert motion.status == Motion.Status.CLOSED
    version.refresh_from_db()
    assert version.state == S.VOTED
    assert AdoptionVote.objects.get().women == 3
