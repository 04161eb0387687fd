"""The community home: what is happening for everyone (cached for visitors, a
fixed number of queries) and, for a signed-in resident, what waits for them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultation.models import State
from consultation.votes import services as vote_services
from governance.disclosures.models import Objection
from tests.volunteers.factories import active_volunteer
from volunteers.models import SignUp

pytestmark = pytest.mark.django_db

URL = "/heping/"


def _queries(client, url=URL) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _block(html: str, key: str) -> str:
    """The HTML of one block of the page (up to the end of its section)."""
    start = html.index(f'data-home-block="{key}"')
    return html[start : html.index("</section>", start)]


def test_everyone_sees_what_is_happening_with_more_links(client, scene):
    scene.motion(title="是否增设停车位")
    scene.motion(title="草稿中的表决", open_=False)
    scene.consultation(title="加装电梯征求意见")
    scene.consultation(title="早已结束的议题", state=State.CLOSED)
    scene.meeting(title="五天后的议事会", days=5)
    scene.meeting(title="二十天后的议事会", days=20)
    scene.meeting(title="已取消的会", days=3, cancelled_at=timezone.now())
    scene.notice(title="停水通知")
    scene.disclosure(title="一季度服务公开")
    scene.shift(title="有空位的探访")
    full = scene.shift(title="已满的探访", capacity=1)
    SignUp.objects.create(
        shift=full, volunteer=active_volunteer(scene.community), status="confirmed"
    )
    scene.project(title="助学项目甲")
    scene.need(item="冬衣")
    html = client.get(URL).content.decode()

    assert "是否增设停车位" in _block(html, "votes")
    assert "草稿中的表决" not in html
    assert "加装电梯征求意见" in _block(html, "consultations")
    assert "早已结束的议题" not in html
    meetings = _block(html, "meetings")
    assert "五天后的议事会" in meetings
    assert "二十天后的议事会" not in meetings and "已取消的会" not in meetings
    assert "停水通知" in _block(html, "notices")
    assert "一季度服务公开" in _block(html, "disclosures")
    shifts = _block(html, "shifts")
    assert "有空位的探访" in shifts and "已满的探访" not in shifts
    assert "助学项目甲" in _block(html, "projects")
    assert "冬衣" in _block(html, "needs")
    for key, more in [
        ("votes", "/heping/consultations/"),
        ("meetings", "/heping/consultations/"),
        ("notices", "/heping/notices/"),
        ("disclosures", "/heping/disclosures/"),
        ("shifts", "/heping/volunteering/"),
        ("projects", "/heping/charity/"),
        ("needs", "/heping/charity/needs/"),
    ]:
        assert f'href="{more}"' in _block(html, key), key
    assert "Waiting for you" not in html


def test_each_list_is_short(client, scene):
    for _ in range(7):
        scene.project()
    assert _block(client.get(URL).content.decode(), "projects").count("<li>") == 5


def test_an_empty_community_says_so_in_chinese(zh_client, heping):
    html = zh_client.get(URL).content.decode()
    assert "目前没有正在进行的表决。" in _block(html, "votes")


def test_queries_do_not_grow_with_the_rows(client, scene):
    scene.one_of_each()
    client.get(URL + "?warm=1")
    small = _queries(client, URL + "?a=1")
    for _ in range(8):
        scene.one_of_each()
    large = _queries(client, URL + "?a=2")
    assert small == large
    assert large <= 24  # about two per block, on top of the page's own


def test_signed_in_queries_do_not_grow_with_the_rows(client, scene, resident):
    scene.one_of_each()
    client.force_login(resident)
    client.get(URL + "?warm=1")
    small = _queries(client)
    for _ in range(8):
        scene.one_of_each()
    large = _queries(client)
    assert small == large
    assert large <= 34  # + the waiting blocks, one or two each


def test_visitors_get_the_cached_page_until_a_row_changes(client, scene):
    scene.motion(title="第一项表决")
    assert client.get(URL)["X-Page-Cache"] == "miss"
    assert client.get(URL)["X-Page-Cache"] == "hit"
    scene.motion(title="第二项表决")
    response = client.get(URL)
    assert "第二项表决" in response.content.decode()
    assert response["X-Page-Cache"] == "miss"
    scene.need(item="新的需求")
    assert "新的需求" in client.get(URL).content.decode()


def test_the_waiting_part_never_comes_from_or_goes_to_the_cache(
    client, scene, resident
):
    scene.motion(title="请您表决")
    client.get(URL)  # a visitor's page is cached
    client.force_login(resident)
    response = client.get(URL)
    html = response.content.decode()
    assert "X-Page-Cache" not in response
    assert "请您表决" in _block(html, "votes") and "Waiting for you" in html
    client.logout()
    anonymous = client.get(URL)
    assert anonymous["X-Page-Cache"] == "hit"
    assert "Waiting for you" not in anonymous.content.decode()


def test_a_resident_sees_the_vote_until_they_cast_it(client, scene, resident):
    motion = scene.motion(title="是否更换路灯")
    secret = scene.motion(title="无记名表决", secret=True)
    client.force_login(resident)
    html = client.get(URL).content.decode()
    waiting = html.split('id="waiting-heading"')[1].split('id="happening-heading"')[0]
    assert f'href="/heping/consultations/motions/{motion.pk}/"' in waiting
    assert f'href="/heping/consultations/motions/{secret.pk}/"' in waiting
    vote_services.cast_ballot(
        user=resident, motion=motion, option_ids=[motion.options.first().pk]
    )
    html = client.get(URL).content.decode()
    waiting = html.split('id="waiting-heading"')[1].split('id="happening-heading"')[0]
    assert f"/motions/{motion.pk}/" not in waiting
    assert f"/motions/{secret.pk}/" in waiting


def test_someone_outside_the_electorate_is_not_asked_to_vote(
    client, scene, make_resident, django_user_model
):
    scene.motion(title="居民表决")
    late = make_resident()  # joined after the vote opened: not in the snapshot
    client.force_login(late)
    html = client.get(URL).content.decode()
    assert 'data-home-block="votes"' in html  # the public list
    assert "Votes you can cast" not in html
    assert "Nothing waits for you here right now." in html


def test_waiting_shows_invitations_answers_and_the_next_shift(client, scene, resident):
    from consultation.models import Participant

    invited = scene.meeting(title="邀请您参加的会", days=3)
    Participant.objects.create(
        meeting=invited, user=resident, kind="resident", how="invited"
    )
    scene.meeting(title="没邀请您的会", days=3)
    page = scene.disclosure(title="财务公开")
    answered = scene.objection(
        asker=resident,
        page=page,
        status=Objection.Status.ANSWERED,
        answer="依据是居民会议决定",
        answered_at=timezone.now() - datetime.timedelta(days=1),
    )
    scene.objection(asker=resident, page=page)  # still open: nothing to read
    later, sooner = scene.shift(title="较晚的班次"), scene.shift(title="较早的班次")
    sooner.starts_at = timezone.now() + datetime.timedelta(hours=5)
    sooner.ends_at = sooner.starts_at + datetime.timedelta(hours=2)
    sooner.save()
    for shift in (later, sooner):
        SignUp.objects.create(shift=shift, volunteer=resident, status="confirmed")
    client.force_login(resident)
    html = client.get(URL).content.decode()
    waiting = html.split('id="waiting-heading"')[1].split('id="happening-heading"')[0]
    assert "邀请您参加的会" in _block(waiting, "meetings")
    assert "没邀请您的会" not in waiting
    assert f"/heping/objections/{answered.pk}/" in _block(waiting, "objections")
    assert _block(waiting, "objections").count("<li>") == 1
    shift = _block(waiting, "shift")
    assert "较早的班次" in shift and "较晚的班次" not in shift


def test_the_waiting_heading_reads_in_chinese(zh_client, scene, resident):
    scene.motion(title="表决")
    resident.preferred_language = "zh-hans"
    resident.save(update_fields=["preferred_language"])
    zh_client.force_login(resident)
    html = zh_client.get(URL).content.decode()
    assert "等您处理" in html and "您可以投票的表决" in html
