"""The work pages, the opinions page and their forms (bad input: clear error,
nothing saved)."""

from __future__ import annotations

import pytest

from governance.charters.models import AdoptionVote, CharterVersion, ClauseComment
from governance.charters.pages import CharterPage
from governance.charters.services import drafting
from tests.governance.charters.conftest import CLAUSES, S

pytestmark = pytest.mark.django_db


def url(version, tail=""):
    return f"/{version.community.slug}/charters/work/{version.pk}/{tail}"


def test_the_committee_starts_a_charter_from_the_work_page(
    client, community, committee_member
):
    client.force_login(committee_member)
    response = client.post(
        f"/{community.slug}/charters/work/",
        {
            "kind": "residents",
            "title": "幸福里居民公约",
            "clauses": "第一段条款。\n\n第二段条款，\n续行。\n\n\n第三段条款。",
        },
    )
    version = CharterVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(version)
    assert [c.text for c in version.clauses.all()] == [
        "第一段条款。",
        "第二段条款，\n续行。",
        "第三段条款。",
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "residents", "title": "", "clauses": "条款"}, "title"),
        ({"kind": "nope", "title": "公约", "clauses": "条款"}, "kind"),
        ({"kind": "residents", "title": "公约", "clauses": "\n\n  \n"}, "clauses"),
    ],
)
def test_starting_with_bad_input_says_why_and_saves_nothing(
    client, community, committee_member, data, field
):
    client.force_login(committee_member)
    response = client.post(f"/{community.slug}/charters/work/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not CharterPage.objects.exists()


def test_residents_and_strangers_cannot_open_the_work_pages(
    client, community, resident, start
):
    version = start()
    client.force_login(resident)
    assert client.get(f"/{community.slug}/charters/work/").status_code == 403
    assert client.get(url(version)).status_code == 403
    assert client.post(url(version, "step/close/")).status_code == 403
    version.refresh_from_db()
    assert version.state == S.COLLECTING


def test_a_resident_gives_an_opinion_the_committee_sees_it_on_the_clause(
    client, community, resident, committee_member, start
):
    version = start()
    clause = version.clauses.get(number=2)
    client.force_login(resident)
    opinions = f"/{community.slug}/charters/opinions/{version.pk}/"
    assert CLAUSES[1] in client.get(opinions).content.decode()
    response = client.post(
        opinions, {"clause": clause.pk, f"o{clause.pk}-text": "建议写明遛狗时间。"}
    )
    assert response.status_code == 302
    assert ClauseComment.objects.get().clause == clause
    client.force_login(committee_member)
    html = client.get(url(version)).content.decode()
    section = html[html.index('id="clause-2"') : html.index('id="clause-3"')]
    assert "建议写明遛狗时间。" in section


def test_an_empty_opinion_is_refused(client, community, resident, start):
    version = start()
    clause = version.clauses.first()
    client.force_login(resident)
    response = client.post(
        f"/{community.slug}/charters/opinions/{version.pk}/",
        {"clause": clause.pk, f"o{clause.pk}-text": "   "},
    )
    assert response.status_code == 400
    assert not ClauseComment.objects.exists()


@pytest.mark.parametrize("bad", ["abc", str(2**63), "0000-00-00", ""])
def test_an_opinion_on_a_clause_that_is_not_an_id_answers_400(
    client, community, resident, start, bad
):
    version = start()
    clause = version.clauses.first()
    client.force_login(resident)
    response = client.post(
        f"/{community.slug}/charters/opinions/{version.pk}/",
        {"clause": bad, f"o{clause.pk}-text": "意见"},
    )
    assert response.status_code == 400
    assert not ClauseComment.objects.exists()


def test_only_verified_residents_give_opinions_and_only_while_collecting(
    client, community, committee_member, resident, start, advance
):
    version = start()
    opinions = f"/{community.slug}/charters/opinions/{version.pk}/"
    client.force_login(committee_member)  # staff, not a resident here
    assert client.get(opinions).status_code == 403
    advance(version, S.DRAFT)
    client.force_login(resident)
    assert client.get(opinions).status_code == 302
    clause = version.clauses.first()
    client.post(opinions, {"clause": clause.pk, f"o{clause.pk}-text": "晚了"})
    assert not ClauseComment.objects.exists()


def test_a_step_from_the_wrong_state_shows_a_clear_error(
    client, committee_member, start
):
    version = start()
    client.force_login(committee_member)
    response = client.post(url(version, "step/submit/"))
    assert response.status_code == 400
    assert "collecting opinions" in response.content.decode()
    version.refresh_from_db()
    assert version.state == S.COLLECTING


def test_the_officer_returns_with_a_reason_the_committee_reads_it(
    client, committee_member, street_officer, start, advance
):
    version = advance(start(), S.SUBMITTED)
    client.force_login(street_officer)
    response = client.post(url(version, "return/"), {"reason": ""})
    assert response.status_code == 400
    assert response.context["return_form"].errors["reason"]
    version.refresh_from_db()
    assert version.state == S.SUBMITTED
    client.post(url(version, "return/"), {"reason": "第二条需写明依据。"})
    version.refresh_from_db()
    assert version.state == S.DRAFT
    client.force_login(committee_member)
    assert "第二条需写明依据。" in client.get(url(version)).content.decode()


def test_an_inconsistent_meeting_record_is_refused_with_the_reason(
    client, committee_member, start, advance
):
    version = advance(start(), S.REVIEW_PASSED)
    client.force_login(committee_member)
    data = {
        "held_on": "2026-01-01",
        "electorate": 100,
        "attendance": 60,
        "women": 70,
        "votes_for": 50,
        "against": 5,
        "abstain": 5,
    }
    response = client.post(url(version, "vote/"), data)
    assert response.status_code == 400
    assert response.context["vote_form"].errors["women"]
    assert not AdoptionVote.objects.exists()
    data["women"] = 30
    response = client.post(url(version, "vote/"), data)
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.state == S.VOTED


def test_a_vote_without_quorum_says_so(client, committee_member, start, advance):
    version = advance(start(), S.REVIEW_PASSED)
    client.force_login(committee_member)
    response = client.post(
        url(version, "vote/"),
        {
            "held_on": "2026-01-01",
            "electorate": 100,
            "attendance": 50,
            "women": 30,
            "votes_for": 50,
            "against": 0,
            "abstain": 0,
        },
        follow=True,
    )
    assert "no quorum" in response.content.decode()
    version.refresh_from_db()
    assert version.state == S.REVIEW_PASSED


def test_the_version_page_runs_a_fixed_number_of_queries(
    client, committee_member, resident, start, django_assert_max_num_queries
):
    version = start()
    client.force_login(committee_member)
    client.get(url(version))
    with django_assert_max_num_queries(40) as few:
        client.get(url(version))
    for clause in version.clauses.all():
        for n in range(3):
            drafting.comment_on_clause(actor=resident, clause=clause, text=f"意见{n}")
    drafting.add_clause(actor=committee_member, version=version, text="罚款五十元")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(version))
