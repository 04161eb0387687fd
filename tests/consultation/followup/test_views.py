"""Pages of minutes, resolutions and follow-up, the list, and the oversight figures."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from communities import oversight
from communities.models import Community
from consultation.followup import services as followup_services
from consultation.meetings import services as meeting_services
from consultation.models import FollowUpItem, Minutes, Participant, ProgressUpdate
from tests.consultation.chain import adopt
from tests.uploads.samples import EXE, jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _item(resolution, committee, **kwargs):
    defaults = {"title": "安装充电桩", "owner_unit": "物业公司"}
    defaults.update(kwargs)
    return followup_services.add_item(
        actor=committee, resolution=resolution, **defaults
    )


def _url(name, community, pk=None):
    return reverse(f"consultation:{name}", args=[community.slug, *([pk] if pk else [])])


def test_participants_confirm_the_minutes_from_the_page(client, held, committee):
    community = held.meeting.community
    minutes_url = _url("minutes", community, held.meeting.pk)
    client.force_login(committee)
    page = client.get(minutes_url).content.decode()
    assert "Ask the participants to confirm" in page
    client.post(_url("minutes-circulate", community, held.meeting.pk), {})
    for person in held.participants:
        client.force_login(person)
        assert "I confirm these minutes" in client.get(minutes_url).content.decode()
        client.post(_url("minutes-confirm", community, held.meeting.pk), {})
    page = client.get(minutes_url).content.decode()
    assert "I confirm these minutes" not in page
    for person in held.participants:
        assert person.public_name in page
    assert held.minutes.status == Minutes.Status.CONFIRMED


def test_saving_minutes_without_decisions_shows_the_error(client, held, committee):
    community = held.meeting.community
    client.force_login(committee)
    response = client.post(
        _url("minutes-save", community, held.meeting.pk),
        {"record": "记录", "decisions": ""},
        follow=True,
    )
    assert "Write the decisions the meeting took." in response.content.decode()
    assert held.minutes.edited_at is None


def test_the_committee_adds_an_item_from_the_resolution_page(
    client, resolution, committee
):
    community = resolution.community
    client.force_login(committee)
    page = client.get(_url("resolution", community, resolution.pk)).content.decode()
    assert "Add a follow-up item" in page
    create = _url("followup-create", community, resolution.pk)
    response = client.post(create, {"title": "安装", "owner_unit": ""})
    assert response.status_code == 400
    assert "Choose a committee member or name a unit as owner." in (
        response.content.decode()
    )
    assert not FollowUpItem.objects.exists()
    response = client.post(
        create,
        {"title": "安装", "owner_user": committee.pk, "milestones": "选址\n施工"},
    )
    item = FollowUpItem.objects.get()
    assert response["Location"] == _url("followup", community, item.pk)
    assert item.owner_user == committee
    assert item.due_on == timezone.localdate() + datetime.timedelta(days=30)


def test_a_resident_follows_rates_and_sees_updates_with_photos(
    client, resolution, committee, held
):
    community = resolution.community
    item = _item(resolution, committee)

    def action(name):
        return _url(f"followup-{name}", community, item.pk)

    voter = held.voters[0]
    client.force_login(voter)
    client.post(action("follow"))
    assert item.followers.filter(user=voter).exists()
    client.force_login(committee)
    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    client.post(action("update"), {"text": "施工中", "photos": [photo]})
    bad = SimpleUploadedFile("a.jpg", EXE, content_type="image/jpeg")
    response = client.post(
        action("update"), {"text": "坏图", "photos": [bad]}, follow=True
    )
    assert ProgressUpdate.objects.count() == 1
    messages = [str(m) for m in response.context["messages"]]
    assert messages[-1] == (
        "This file is a Windows program (.exe). Programs and scripts cannot be uploaded."
    )
    client.post(action("close"), {"final_report": "装好了"})
    client.force_login(voter)
    page = client.get(_url("followup", community, item.pk)).content.decode()
    assert "施工中" in page
    assert "<img" in page
    assert "Send my rating" in page
    response = client.post(action("rate"), {"score": "9"}, follow=True)
    assert "Choose a rating from 1 to 5." in response.content.decode()
    client.post(action("rate"), {"score": "5", "comment": "满意"})
    page = client.get(_url("followup", community, item.pk)).content.decode()
    assert "5 / 5" in page
    assert "满意" in page
    assert "Send my rating" not in page


def test_the_consultation_page_shows_the_whole_chain(client, resolution, committee):
    community = resolution.community
    item = _item(resolution, committee, owner_user=committee, owner_unit="")
    page = client.get(
        _url("detail", community, resolution.consultation.pk)
    ).content.decode()
    for text in (
        "From suggestion to closure",
        "同意在3号楼旁增设充电桩",  # the vote
        "passed",
        "6 of 10 voted",
        resolution.title,
        f"#决议{resolution.pk}",
        item.title,
        committee.public_name,
        item.due_on.strftime("%Y-%m-%d"),
        "Not closed yet.",
    ):
        assert text in page, text


def test_the_list_marks_overdue_items_and_filters(
    client, resolution, committee, time_machine_now
):
    community = resolution.community
    late = _item(resolution, committee, title="晚了", due_on=timezone.localdate())
    _item(resolution, committee, title="按时")
    time_machine_now.shift(datetime.timedelta(days=3))
    page = client.get(_url("followups", community) + "?status=overdue").content.decode()
    assert late.title in page
    assert "按时" not in page
    assert "overdue" in page


def test_the_list_costs_the_same_queries_whatever_the_number_of_items(
    client, resolution, committee, django_assert_max_num_queries
):
    community = resolution.community
    _item(resolution, committee, milestones=["a"])
    url = _url("followups", community)
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url + "?status=open")
    for n in range(10):
        _item(resolution, committee, title=f"任务{n}", milestones=["a", "b"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url + "?status=open").content.decode()
    assert "任务9" in page


def test_the_oversight_section_counts_open_and_overdue_items(
    resolution, committee, time_machine_now, django_assert_max_num_queries
):
    community = resolution.community
    _item(resolution, committee, due_on=timezone.localdate())
    _item(resolution, committee, title="按时")
    time_machine_now.shift(datetime.timedelta(days=3))
    section = next(s for s in oversight.sections() if s.key == "followups")
    communities = Community.objects.filter(pk=community.pk)
    with django_assert_max_num_queries(2):
        figures = {f.key: f for f in section.figures(communities, committee)}
    assert (figures["open"].count, figures["overdue"].count) == (2, 1)
    assert figures["overdue"].url == _url("followups", community) + "?status=overdue"
    assert figures["overdue"].tone == "bad"
    with django_assert_max_num_queries(2):
        per = section.per_community(Community.objects.all(), committee)
    assert [f.count for f in per[community.pk]] == [2, 1]


def test_the_consultation_page_costs_the_same_with_more_items_and_ratings(
    client, resolution, committee, held, django_assert_max_num_queries
):
    community = resolution.community
    url = _url("detail", community, resolution.consultation.pk)
    first = _item(resolution, committee, milestones=["a"])
    followup_services.close_item(actor=committee, item=first, final_report="完成")
    followup_services.rate(user=held.voters[0], item=first, score=4)
    client.force_login(held.voters[1])
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for n in range(8):
        item = _item(resolution, committee, title=f"任务{n}", milestones=["a", "b"])
        followup_services.close_item(actor=committee, item=item, final_report="完成")
        for voter in held.voters[:3]:
            followup_services.rate(user=voter, item=item, score=5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "任务7" in page


def test_unconfirmed_minutes_are_shown_only_to_participants_and_the_committee(
    client, held, committee, residents
):
    community = held.meeting.community
    minutes_url = _url("minutes", community, held.meeting.pk)
    outsider = residents[-1]  # a verified resident who did not take part

    def status_for(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client.get(minutes_url).status_code

    for step in ("draft", "circulating"):
        assert held.minutes.status == step
        assert status_for(None) == 302, step  # to the sign-in page
        assert status_for(outsider) == 403, step
        assert status_for(held.participants[0]) == 200, step
        assert status_for(committee) == 200, step
        if step == "draft":
            followup_services.circulate_minutes(actor=committee, minutes=held.minutes)
            held.minutes.refresh_from_db()
    # The participants are told who else can read the minutes until adopted.
    assert 'data-private="minutes"' in client.get(minutes_url).content.decode()
    for person in held.participants:
        followup_services.confirm_minutes(user=person, minutes=held.minutes)
    held.minutes.refresh_from_db()
    assert held.minutes.status == Minutes.Status.CONFIRMED
    assert status_for(None) == 200
    assert 'data-private="minutes"' not in client.get(minutes_url).content.decode()
    assert status_for(outsider) == 200


def test_adopted_minutes_mask_a_person_the_committee_named_by_hand(
    client, held, committee
):
    meeting = held.meeting
    meeting_services.invite_participant(
        actor=committee, meeting=meeting, kind=Participant.Kind.RESIDENT, name="王建国"
    )
    meeting_services.invite_participant(
        actor=committee,
        meeting=meeting,
        kind=Participant.Kind.UNIT,
        name="物业服务中心",
    )
    followup_services.redraft_minutes(actor=committee, minutes=held.minutes)
    adopt(held, committee)
    page = client.get(_url("minutes", meeting.community, meeting.pk)).content.decode()
    assert "王*国" in page
    assert "王建国" not in page
    assert "物业服务中心" in page  # a unit attends in its capacity, by name
    for person in held.participants:
        assert person.public_name in page
    # The meeting's public page names them the same way; the committee sees the name.
    meeting_url = _url("meeting", meeting.community, meeting.pk)
    page = client.get(meeting_url).content.decode()
    assert "王*国" in page
    assert "王建国" not in page
    client.force_login(committee)
    assert "王建国" in client.get(meeting_url).content.decode()


@pytest.mark.parametrize("bad", ["0000-00-00", "abc", str(2**63), ""])
def test_reaching_a_milestone_that_is_not_an_id_answers_400_and_saves_nothing(
    client, resolution, committee, bad
):
    item = _item(resolution, committee, milestones=["选址"])
    client.force_login(committee)
    response = client.post(
        _url("followup-milestone", resolution.community, item.pk),
        {"milestone": bad},
    )
    assert response.status_code == 400
    assert not item.milestones.filter(done_at__isnull=False).exists()
