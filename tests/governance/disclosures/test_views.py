"""Disclosure views: review queue, catalogue, objections, oversight lists."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Role
from governance.disclosures.services import objections, schedule, workflow
from governance.models import CatalogueEntry, DueItem, Objection
from tests.factories import RoleGrantFactory
from tests.support.actors import give_totp
from tests.support.governance_disclosures import add_disclosure, finance_body, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(community, editor):
    page = add_disclosure(
        community, category="finance", body=finance_body(), user=editor, publish=False
    )
    submit(page, editor)
    return page


def test_the_supervisor_approves_from_the_review_queue(
    client, community, waiting, reviewer
):
    client.force_login(reviewer)
    queue = client.get(reverse("governance:disclosure-review", args=[community.slug]))
    assert queue.status_code == 200 and waiting.title in queue.content.decode()
    response = client.post(
        reverse("governance:disclosure-approve", args=[community.slug, waiting.pk])
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.live


def test_a_committee_member_cannot_approve(client, community, waiting, editor):
    client.force_login(editor)
    response = client.post(
        reverse("governance:disclosure-approve", args=[community.slug, waiting.pk])
    )
    assert response.status_code == 403
    waiting.refresh_from_db()
    assert not waiting.live


def test_returning_without_a_reason_is_refused_then_with_one_it_shows(
    client, community, waiting, reviewer, editor
):
    client.force_login(reviewer)
    url = reverse("governance:disclosure-reject", args=[community.slug, waiting.pk])
    client.post(url, {"reason": "   "})
    assert waiting.workflow_in_progress
    client.post(url, {"reason": "缺少凭证附件"})
    waiting.refresh_from_db()
    assert not waiting.live and not waiting.workflow_in_progress
    client.force_login(editor)
    page = client.get(reverse("governance:disclosure-review", args=[community.slug]))
    assert "缺少凭证附件" in page.content.decode()


def test_a_resident_files_on_a_line_and_bad_input_saves_nothing(
    client, community, editor, reviewer, resident, waiting
):
    workflow.approve(actor=reviewer, page=waiting)
    line = waiting.finance_lines()[0]
    client.force_login(resident)
    url = reverse("governance:objection-create", args=[community.slug])
    form = client.get(f"{url}?page={waiting.pk}&line={line.id}")
    assert form.status_code == 200 and line.item in form.content.decode()
    assert client.get(f"{url}?page={waiting.pk}&line=bogus").status_code == 404
    assert client.get(f"{url}?page=abc").status_code == 404
    bad = client.post(url, {"page": waiting.pk, "text": "", "line_id": line.id})
    assert bad.status_code == 400 and not Objection.objects.exists()
    bad_line = client.post(
        url, {"page": waiting.pk, "text": "请问这笔钱", "line_id": "x"}
    )
    assert bad_line.status_code == 400 and not Objection.objects.exists()
    good = client.post(
        url, {"page": waiting.pk, "text": "请问这笔钱", "line_id": line.id}
    )
    objection = Objection.objects.get()
    assert good.status_code == 302 and objection.line_id == line.id


def test_the_committee_answers_and_the_asker_accepts(
    client, community, editor, resident
):
    page = add_disclosure(community, user=editor)
    objection = objections.file_objection(
        actor=resident, page=page, text="请问办理时间"
    )
    args = [community.slug, objection.pk]
    detail = reverse("governance:objection-detail", args=args)
    answer = reverse("governance:objection-answer", args=args)
    client.force_login(editor)
    assert client.post(detail, {"answer": "工作日"}).status_code == 405  # one URL each
    assert client.post(answer, {"answer": ""}).status_code == 400
    objection.refresh_from_db()
    assert objection.status == "open"
    assert client.post(answer, {"answer": "工作日九点到五点"}).status_code == 302
    objection.refresh_from_db()
    assert objection.status == "answered"
    client.force_login(resident)
    accepted = client.post(reverse("governance:objection-accept", args=args))
    assert accepted.status_code == 302
    objection.refresh_from_db()
    assert objection.status == "accepted"


def test_the_asker_reopens_an_answer_once_with_a_reason(
    client, community, editor, resident
):
    page = add_disclosure(community, user=editor)
    objection = objections.file_objection(
        actor=resident, page=page, text="请问办理时间"
    )
    objections.answer_objection(
        actor=editor, objection=objection, answer="工作日九点到五点"
    )
    args = [community.slug, objection.pk]
    reopen = reverse("governance:objection-reopen", args=args)
    client.force_login(resident)
    assert client.post(reopen, {"reason": ""}).status_code == 400
    objection.refresh_from_db()
    assert objection.status == "answered"
    assert client.post(reopen, {"reason": "没有说明周末是否办理"}).status_code == 302
    objection.refresh_from_db()
    assert objection.status == "reopened"


def test_another_resident_cannot_see_the_objection_page(
    client, community, editor, resident, make_community
):
    page = add_disclosure(community, user=editor)
    objection = objections.file_objection(
        actor=resident, page=page, text="请问办理时间"
    )
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    url = reverse("governance:objection-detail", args=[community.slug, objection.pk])
    assert client.get(url).status_code == 403


def test_the_catalogue_page_refuses_bad_input(client, community, editor):
    client.force_login(editor)
    url = reverse("governance:disclosure-catalogue", args=[community.slug])
    assert client.get(url).status_code == 200
    before = CatalogueEntry.objects.count()
    response = client.post(
        url, {"title": "", "category": "party", "cadence": "monthly", "due_days": 5}
    )
    assert response.status_code == 400 and CatalogueEntry.objects.count() == before
    response = client.post(
        url,
        {"title": "低保", "category": "service", "cadence": "monthly", "due_days": 5},
    )
    assert response.status_code == 302 and CatalogueEntry.objects.count() == before + 1


def test_residents_cannot_open_the_catalogue(client, community, resident):
    client.force_login(resident)
    url = reverse("governance:disclosure-catalogue", args=[community.slug])
    assert client.get(url).status_code == 403


def test_oversight_figures_and_their_lists(
    client, community, make_community, editor, django_assert_max_num_queries
):
    from communities import oversight

    other = make_community()
    today = timezone.localdate()
    schedule.create_due_items(today - datetime.timedelta(days=40))
    schedule.create_due_items(today)
    section = next(s for s in oversight.sections() if s.key == "disclosures")
    from communities.models import Community

    with django_assert_max_num_queries(3):
        figures = section.figures(Community.objects.all(), editor)
    keys = [f.key for f in figures]
    assert keys == [
        "due",
        "on_time",
        "overdue",
        "objections_open",
        "objections_past_due",
    ]
    due = next(f for f in figures if f.key == "due")
    assert due.count == DueItem.objects.filter(due_on__lte=today).count()
    with django_assert_max_num_queries(3):
        rows = section.per_community(Community.objects.all(), editor)
    assert set(rows) == {community.pk, other.pk}
    assert [f.key for f in rows[community.pk]] == keys
    assert f"community={community.pk}" in rows[community.pk][0].url
    officer = give_totp(
        RoleGrantFactory(
            role=Role.STREET_OFFICER, region=community.street, community=None
        ).user
    )
    client.force_login(officer)
    for figure in figures:
        response = client.get(figure.url + f"?community={community.pk}")
        assert response.status_code == 200
    client.force_login(editor)
    # a committee member sees only their own community's items
    overdue = client.get(reverse("governance:disclosure-oversight", args=["due"]))
    assert other.name not in overdue.content.decode()
    assert (
        client.get(
            reverse("governance:disclosure-oversight", args=["bogus"])
        ).status_code
        == 404
    )


def test_the_escalated_queue_is_for_street_officers(
    client, community, editor, resident
):
    page = add_disclosure(community, user=editor)
    objection = objections.file_objection(
        actor=resident, page=page, text="请问办理时间"
    )
    objections.escalate_objections(objection.answer_due_on + datetime.timedelta(days=1))
    url = reverse("governance:escalated-objections")
    client.force_login(resident)
    assert client.get(url).status_code == 403
    officer = give_totp(
        RoleGrantFactory(
            role=Role.STREET_OFFICER, region=community.street, community=None
        ).user
    )
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    assert objection.tracking_number in response.content.decode()


@pytest.mark.parametrize("key", ["due", "overdue", "objections_open"])
def test_the_lists_behind_the_figures_run_a_fixed_number_of_queries(
    client, community, make_community, editor, resident, key
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officer = give_totp(
        RoleGrantFactory(
            role=Role.STREET_OFFICER, region=community.street, community=None
        ).user
    )
    client.force_login(officer)
    url = reverse("governance:disclosure-oversight", args=[key])
    page = add_disclosure(community, user=editor)
    schedule.create_due_items(timezone.localdate())
    objections.file_objection(actor=resident, page=page, text="第一个问题请回答")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    second = make_community()
    schedule.create_due_items(timezone.localdate() - datetime.timedelta(days=100))
    for n in range(3):
        objections.file_objection(actor=resident, page=page, text=f"更多的问题{n}号")
    assert second.pk
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_committee_member_changes_an_entry_and_records_a_matter(
    client, community, editor
):
    entry = CatalogueEntry.objects.get(community=community, category="party")
    client.force_login(editor)
    url = reverse("governance:disclosure-entry", args=[community.slug, entry.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"title": "党务", "category": "party", "cadence": "x", "due_days": 5}
    )
    assert bad.status_code == 400
    entry.refresh_from_db()
    assert entry.cadence == "quarterly"
    client.post(
        url,
        {
            "title": "党务",
            "category": "party",
            "cadence": "monthly",
            "due_days": 7,
            "is_active": "on",
        },
    )
    entry.refresh_from_db()
    assert (entry.cadence, entry.due_days) == ("monthly", 7)
    major = CatalogueEntry.objects.get(community=community, cadence="immediate")
    matter = reverse("governance:disclosure-matter", args=[community.slug, major.pk])
    client.post(matter, {"matter": ""})
    assert not DueItem.objects.filter(entry=major).exists()
    client.post(matter, {"matter": "征地补偿方案", "occurred_on": "2026-05-01"})
    assert DueItem.objects.get(entry=major).due_on == datetime.date(2026, 5, 6)
