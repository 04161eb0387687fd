"""The "mine" page (我的): one person's own things, a block per app, open
ballots only, a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charity.needs.models import NeedPledge
from consultation.models import Comment, Support
from consultation.votes import services as vote_services
from governance.disclosures.models import Objection
from tests.charity.factories import DonationFactory
from tests.consultation.factories import SuggestionFactory
from tests.support.assistance import make_case
from volunteers.models import SignUp

pytestmark = pytest.mark.django_db

URL = "/my/"


def _block(html: str, key: str) -> str:
    start = html.index(f'data-home-block="{key}"')
    return html[start : html.index("</section>", start)]


def _choose(motion, label):
    return [o.pk for o in motion.options.all() if o.label == label]


def _everything_of(scene, person, n=1):
    """n rows of each kind this person can have."""
    community = scene.community
    for _ in range(n):
        SuggestionFactory(community=community, author=person)
        Support.objects.create(
            suggestion=SuggestionFactory(community=community), user=person
        )
        Comment.objects.create(
            consultation=scene.consultation(), author=person, body="我赞成"
        )
        scene.objection(asker=person, page=scene.disclosure())
        motion = scene.motion(method="single", options=["甲", "乙"])
        vote_services.cast_ballot(
            user=person, motion=motion, option_ids=_choose(motion, "甲")
        )
        SignUp.objects.create(shift=scene.shift(), volunteer=person, status="confirmed")
        DonationFactory(project=scene.project(), donor=person)
        NeedPledge.objects.create(need=scene.need(), donor=person, quantity=2)


def test_mine_needs_sign_in(client, heping):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_header_links_to_mine(client, resident):
    client.force_login(resident)
    assert f'href="{URL}"' in client.get("/my/communities/").content.decode()


def test_mine_shows_each_of_my_things(client, scene, resident, make_resident):
    community = scene.community
    mine = SuggestionFactory(community=community, author=resident, title="增设充电桩")
    other = SuggestionFactory(community=community, title="修缮凉亭")
    Support.objects.create(suggestion=other, user=resident)
    SuggestionFactory(community=community, title="别人的建议")
    Comment.objects.create(
        consultation=scene.consultation(), author=resident, body="我支持加装电梯"
    )
    page = scene.disclosure()
    scene.objection(
        asker=resident, page=page, status=Objection.Status.ANSWERED, answer="已答复"
    )
    scene.objection(asker=make_resident(), page=page)
    SignUp.objects.create(
        shift=scene.shift(title="周末探访"), volunteer=resident, status="confirmed"
    )
    DonationFactory(project=scene.project(title="助学项目乙"), donor=resident)
    NeedPledge.objects.create(need=scene.need(item="棉衣"), donor=resident, quantity=3)
    make_case(community=community, applicant=resident)
    client.force_login(resident)
    html = client.get(URL).content.decode()

    suggestions = _block(html, "suggestions")
    assert "增设充电桩" in suggestions and "修缮凉亭" in suggestions
    assert "别人的建议" not in suggestions
    assert f"/heping/consultations/suggestions/{mine.pk}/" in suggestions
    assert "我支持加装电梯" in _block(html, "comments")
    objections = _block(html, "objections")
    assert objections.count("<li>") == 1 and "answered" in objections
    assert "周末探访" in _block(html, "shifts")
    assert 'href="/volunteering/my-hours/"' in _block(html, "shifts")
    pledges = _block(html, "pledges")
    assert "助学项目乙" in pledges and "棉衣" in pledges
    assert 'href="/my/assistance/"' in _block(html, "assistance")
    assert "<h1>Mine</h1>" in html


def test_my_open_ballot_shows_its_choice_and_a_secret_one_never(
    client, scene, resident
):
    public = scene.motion(
        title="公开表决", method="single", options=["公开选项甲", "公开选项乙"]
    )
    secret = scene.motion(
        title="无记名表决",
        secret=True,
        method="single",
        options=["秘密选项甲", "秘密选项乙"],
    )
    vote_services.cast_ballot(
        user=resident, motion=public, option_ids=_choose(public, "公开选项甲")
    )
    vote_services.cast_ballot(
        user=resident, motion=secret, option_ids=_choose(secret, "秘密选项甲")
    )
    client.force_login(resident)
    html = client.get(URL).content.decode()
    votes = _block(html, "votes")
    assert "公开表决" in votes and "公开选项甲" in votes
    assert "公开选项乙" not in votes
    assert "秘密选项" not in html and "无记名表决" not in html


def test_someone_else_sees_none_of_it(client, scene, resident, make_resident):
    _everything_of(scene, resident)
    client.force_login(make_resident())
    blocks = client.get(URL).content.decode().split('class="home-blocks"')[1]
    assert blocks.count("<li>") == 1  # the hours line, at zero


def test_mine_in_chinese(zh_client, resident):
    resident.preferred_language = "zh-hans"
    resident.save(update_fields=["preferred_language"])
    zh_client.force_login(resident)
    html = zh_client.get(URL).content.decode()
    assert "<h1>我的</h1>" in html
    assert "您还没有提出或附议建议。" in html


def test_queries_do_not_grow_with_my_rows(client, scene, resident):
    _everything_of(scene, resident)
    client.force_login(resident)
    client.get(URL + "?warm=1")
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    _everything_of(scene, resident, n=6)
    with CaptureQueriesContext(connection) as large:
        html = client.get(URL).content.decode()
    assert len(small) == len(large)
    # 14 for the page and its blocks, one for the header's work-desk link
    # (whether the person holds a staff grant).
    assert len(large) <= 15
    assert _block(html, "comments").count("<li>") == 5
