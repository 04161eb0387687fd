"""Live meeting pages: who gets which page, the forms, bad input, query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultation.live import selectors as live_selectors
from consultation.live import services as live_services
from consultation.live import tokens as live_tokens
from consultation.models import Ballot, Participant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _url(name, meeting, *extra):
    return reverse(
        f"consultation:{name}", args=[meeting.community.slug, meeting.pk, *extra]
    )


def test_the_committee_runs_the_meeting_from_the_control_page(
    client, committee, live_meeting
):
    meeting, first, _second, _motion = live_meeting
    client.force_login(committee)
    page = client.get(_url("live", meeting))
    assert page.status_code == 200
    assert b"data:image/svg+xml;base64," in page.content  # the check-in QR code
    assert b"/ws/consultation/meetings/" in page.content
    response = client.post(_url("live-item", meeting), {"item": first.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.current_item == first


def test_a_resident_gets_no_control_page_and_changes_nothing(
    client, residents, live_meeting
):
    meeting, first, _second, _motion = live_meeting
    client.force_login(residents[0])
    assert client.get(_url("live", meeting)).status_code == 403
    response = client.post(_url("live-item", meeting), {"item": first.pk})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.current_item is None


def test_a_visitor_is_asked_to_sign_in(client, live_meeting):
    meeting, *_ = live_meeting
    for name in ("live", "live-participant"):
        response = client.get(_url(name, meeting))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_control_page_queries_do_not_grow_with_the_roster(
    client, committee, live_meeting, make_resident, django_assert_max_num_queries
):
    meeting, *_ = live_meeting
    client.force_login(committee)
    client.get(_url("live", meeting))
    for _ in range(20):
        Participant.objects.create(
            meeting=meeting, user=make_resident(), kind="resident", how="invited"
        )
    with django_assert_max_num_queries(40):
        assert client.get(_url("live", meeting)).status_code == 200


def test_scanning_the_code_leads_to_a_check_in_button(client, residents, live_meeting):
    meeting, *_ = live_meeting
    client.force_login(residents[0])
    url = _url("live-checkin", meeting, live_tokens.checkin_token(meeting))
    page = client.get(url)
    assert b"Check me in" in page.content
    response = client.post(url)
    assert response.status_code == 302
    assert Participant.objects.get(meeting=meeting, user=residents[0]).checked_in_at


def test_an_old_code_is_refused_with_a_clear_message(
    client, residents, live_meeting, time_machine
):
    import datetime

    meeting, *_ = live_meeting
    time_machine.move_to(datetime.datetime.now(datetime.UTC), tick=False)
    url = _url("live-checkin", meeting, live_tokens.checkin_token(meeting))
    time_machine.shift(live_tokens.TOKEN_MAX_AGE + 1)
    client.force_login(residents[0])
    assert b"This check-in code has expired" in client.get(url).content
    client.post(url)
    assert not Participant.objects.get(meeting=meeting, user=residents[0]).checked_in_at


def test_a_stranger_scanning_the_code_is_not_checked_in(client, live_meeting):
    meeting, *_ = live_meeting
    stranger = UserFactory()
    client.force_login(stranger)
    url = _url("live-checkin", meeting, live_tokens.checkin_token(meeting))
    assert client.post(url).status_code == 403
    assert not Participant.objects.filter(meeting=meeting, user=stranger).exists()


def test_the_projector_opens_by_secret_link_or_for_the_committee(
    client, committee, residents, live_meeting
):
    meeting, *_ = live_meeting
    key = live_tokens.projector_key(meeting)
    page = client.get(_url("live-projector", meeting) + f"?key={key}")
    assert page.status_code == 200
    assert b'class="projector"' in page.content
    qr = client.get(_url("live-qr", meeting) + f"?key={key}")
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    assert (
        client.get(_url("live-projector", meeting) + "?key=forged").status_code == 302
    )
    assert client.get(_url("live-qr", meeting)).status_code == 403
    client.force_login(residents[0])
    assert client.get(_url("live-projector", meeting)).status_code == 403
    client.force_login(committee)
    assert client.get(_url("live-projector", meeting)).status_code == 200


def test_a_vote_without_a_choice_shows_an_error_and_saves_nothing(
    client, committee, residents, live_meeting
):
    meeting, _first, _second, motion = live_meeting
    live_services.self_check_in(
        user=residents[0], meeting=meeting, token=live_tokens.checkin_token(meeting)
    )
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    client.force_login(residents[0])
    response = client.post(
        _url("live-vote", meeting),
        {"motion": motion.pk, "option": "x"},
        follow=True,
    )
    assert b"Choose among the motion" in response.content
    assert not Ballot.objects.filter(motion=motion).exists()
    client.post(
        _url("live-vote", meeting),
        {
            "motion": motion.pk,
            "option": motion.options.get(code="for").pk,
        },
    )
    assert Ballot.objects.filter(motion=motion).count() == 1


def test_a_participant_raises_a_hand_from_the_live_page(
    client, residents, live_meeting
):
    meeting, *_ = live_meeting
    live_services.self_check_in(
        user=residents[0], meeting=meeting, token=live_tokens.checkin_token(meeting)
    )
    client.force_login(residents[0])
    page = client.get(_url("live-participant", meeting))
    assert b"Raise my hand to speak" in page.content
    client.post(_url("live-raise-hand", meeting), {})
    assert live_selectors.personal(meeting.pk, residents[0])["hand"] == "waiting"


def test_the_meeting_page_links_to_the_live_pages(client, committee, live_meeting):
    meeting, *_ = live_meeting
    client.force_login(committee)
    page = client.get(_url("meeting", meeting)).content.decode()
    assert _url("live-participant", meeting) in page
    assert _url("live", meeting) in page


@pytest.mark.parametrize("bad", ["abc", str(2**63), "0000-00-00", ""])
@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("live-open-vote", "motion"),
        ("live-close-vote", "motion"),
        ("live-check-in", "participant"),
        ("live-item", "item"),
    ],
)
def test_a_control_id_that_is_not_a_number_answers_400_and_changes_nothing(
    client, committee, live_meeting, name, field, bad
):
    meeting, *_ = live_meeting
    client.force_login(committee)
    if name == "live-item" and not bad:
        return  # an empty item clears the projector on purpose
    response = client.post(_url(name, meeting), {field: bad})
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.current_item is None
    assert not meeting.participants.filter(checked_in_at__isnull=False).exists()
    assert live_selectors.snapshot(meeting.pk)["motion"] is None


def test_a_live_vote_naming_no_motion_answers_400_and_saves_nothing(
    client, committee, residents, live_meeting
):
    meeting, _first, _second, motion = live_meeting
    live_services.self_check_in(
        user=residents[0], meeting=meeting, token=live_tokens.checkin_token(meeting)
    )
    live_services.open_vote(actor=committee, meeting=meeting, motion=motion)
    client.force_login(residents[0])
    for bad in ("abc", str(2**63)):
        response = client.post(_url("live-vote", meeting), {"motion": bad})
        assert response.status_code == 400
    response = client.post(
        _url("live-vote", meeting),
        {"motion": motion.pk, "option": str(2**63)},
        follow=True,
    )
    assert b"Choose among the motion" in response.content
    assert not Ballot.objects.filter(motion=motion).exists()
