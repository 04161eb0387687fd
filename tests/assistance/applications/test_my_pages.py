"""My applications and my case: who sees what, every step, the decision, the
refusal and the one appeal, withdrawing, who read the file, query counts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance.applications import services
from assistance.cases import workflow
from assistance.cases.access import open_case
from assistance.cases.models import Case, CaseRead, MissingItemsRequest, State
from assistance.decisions.models import Appeal, Refusal
from communities.models import Membership, Role
from tests.assistance.applications.conftest import page_data, with_documents
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db


def submitted(client, case):
    client.force_login(case.applicant)
    url = reverse("assistance:application-submit", args=[case.tracking_number])
    response = client.post(url, with_documents(page_data()))
    assert response.status_code == 302
    case.refresh_from_db()
    return case


def refused(client, case, officer):
    submitted(client, case)
    for action in ("accept", "investigate", "review", "refuse"):
        workflow.transition(case, action, actor=officer)
    Refusal.objects.create(
        case=case,
        category="income",
        reasons="家庭人均收入高于当地低保标准。",
        decided_by=officer,
        notice_due=timezone.localdate(),
    )
    case.refresh_from_db()
    return case


@pytest.fixture
def officer(community):
    return grant_role(Role.AID_OFFICER, region=community.street)


def test_household_member_sees_the_case_but_others_do_not(client, draft, community):
    submitted(client, draft)
    url = reverse("assistance:my-case", args=[draft.tracking_number])
    spouse = Membership.objects.exclude(user=draft.applicant).get().user
    client.force_login(spouse)
    assert client.get(url).status_code == 200
    assert (
        draft.tracking_number
        in client.get(reverse("assistance:my-cases")).content.decode()
    )
    elsewhere = MembershipFactory(community=CommunityFactory()).user
    neighbour = MembershipFactory(
        community=community, household__community=community
    ).user
    committee = grant_role(Role.COMMITTEE, community=community)
    pending = MembershipFactory(
        community=community,
        household=draft.household,
        status=Membership.Status.PENDING,
    ).user
    for person in (elsewhere, neighbour, committee, pending, UserFactory()):
        client.force_login(person)
        assert client.get(url).status_code == 404, person
        assert (
            draft.tracking_number
            not in client.get(reverse("assistance:my-cases")).content.decode()
        )


def test_anonymous_is_sent_to_sign_in(client, draft):
    response = client.get(reverse("assistance:my-case", args=[draft.tracking_number]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_case_page_shows_steps_deadline_and_reads(client, draft, community, officer):
    submitted(client, draft)
    workflow.transition(draft, "accept", actor=officer, public_note="已受理")
    Case.objects.filter(pk=draft.pk).update(
        decision_due=timezone.localdate() + datetime.timedelta(days=30)
    )
    coordinator = grant_role(Role.AID_COORDINATOR, community=community)
    open_case(coordinator, draft)
    client.force_login(draft.applicant)
    page = client.get(reverse("assistance:my-case", args=[draft.tracking_number]))
    body = page.content.decode()
    assert "已受理" in body and "working days left" in body
    assert "assistance coordinator" in body
    assert coordinator.real_name not in body  # masked: 张*明
    assert "张*明" in body
    # The household's own reads are not logged.
    assert not CaseRead.objects.filter(reader=draft.applicant).exists()


def test_staff_opening_the_page_is_logged(client, draft, community, officer):
    submitted(client, draft)
    client.force_login(officer)
    assert (
        client.get(
            reverse("assistance:my-case", args=[draft.tracking_number])
        ).status_code
        == 200
    )
    assert CaseRead.objects.filter(case=draft, reader=officer).exists()


def test_returned_case_shows_items_and_resubmits(client, draft, officer):
    submitted(client, draft)
    workflow.transition(draft, "return", actor=officer)
    MissingItemsRequest.objects.create(
        case=draft, items=["收入证明", "病历"], note="请一次补齐", requested_by=officer
    )
    client.force_login(draft.applicant)
    body = client.get(
        reverse("assistance:my-case", args=[draft.tracking_number])
    ).content.decode()
    assert "收入证明" in body and "病历" in body and "请一次补齐" in body
    edit = client.get(
        reverse("assistance:application-edit", args=[draft.tracking_number])
    )
    assert edit.status_code == 200 and "收入证明" in edit.content.decode()
    response = client.post(
        reverse("assistance:application-submit", args=[draft.tracking_number]),
        page_data(reason="补充了收入证明"),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert MissingItemsRequest.objects.get(case=draft).answered_at is not None
    assert draft.events.filter(action="resubmit").exists()


def test_confirmed_case_shows_amount(client, draft, officer):
    submitted(client, draft)
    for action in ("accept", "investigate", "review", "publish", "confirm"):
        workflow.transition(draft, action, actor=officer)
    Case.objects.filter(pk=draft.pk).update(
        monthly_amount="1260.00",
        start_month=datetime.date(2026, 12, 1),
        amount_calculation="1030 × 2 − 800 = 1260",
    )
    client.force_login(draft.applicant)
    body = client.get(
        reverse("assistance:my-case", args=[draft.tracking_number])
    ).content.decode()
    assert "1260" in body and "2026-12" in body and "1030 × 2" in body


def test_refusal_reasons_and_one_appeal(client, draft, officer):
    refused(client, draft, officer)
    url = reverse("assistance:my-case", args=[draft.tracking_number])
    body = client.get(url).content.decode()
    assert "家庭人均收入高于" in body and "Appeal to the district" in body
    appeal_url = reverse("assistance:appeal", args=[draft.tracking_number])
    client.post(appeal_url, {"appeal-reason": "收入计算有误，工资已停发。"})
    draft.refresh_from_db()
    assert (
        draft.state == State.APPEALED and Appeal.objects.filter(case=draft).count() == 1
    )
    workflow.transition(draft, "dismiss_appeal", actor=officer)
    response = client.post(appeal_url, {"appeal-reason": "再次申诉一下"}, follow=True)
    assert "already appealed" in response.content.decode()
    assert Appeal.objects.filter(case=draft).count() == 1
    draft.refresh_from_db()
    assert draft.state == State.REFUSED


def test_appeal_needs_a_reason_and_the_applicant(client, draft, officer):
    refused(client, draft, officer)
    appeal_url = reverse("assistance:appeal", args=[draft.tracking_number])
    client.post(appeal_url, {"appeal-reason": ""})
    assert not Appeal.objects.exists()
    spouse = Membership.objects.exclude(user=draft.applicant).get().user
    client.force_login(spouse)
    assert client.post(appeal_url, {"appeal-reason": "收入计算有误"}).status_code == 403
    assert not Appeal.objects.exists()


def test_withdraw(client, draft, mailoutbox):
    submitted(client, draft)
    url = reverse("assistance:application-withdraw", args=[draft.tracking_number])
    client.post(url, {"withdraw-reason": ""})
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    client.post(url, {"withdraw-reason": "家里情况好转了"})
    draft.refresh_from_db()
    assert draft.state == State.WITHDRAWN
    assert client.post(url, {"withdraw-reason": "家里情况好转了"}).status_code == 403


def test_applicant_is_told_at_submit_and_withdraw(
    client, draft, django_capture_on_commit_callbacks
):
    from notifications.models import Notification  # noqa: PLC0415  (only this test reads it)

    with django_capture_on_commit_callbacks(execute=True):
        submitted(client, draft)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_application(
            case=draft, actor=draft.applicant, reason="不再需要"
        )
    titles = list(
        Notification.objects.filter(recipient=draft.applicant).values_list(
            "title", flat=True
        )
    )
    assert any("submitted" in t for t in titles) and any(
        "withdrawn" in t for t in titles
    )


def _cases(user, community, household, n):
    for _ in range(n):
        Case.objects.create(
            community=community,
            household=household,
            applicant=user,
            applicant_name="张三明",
            kind="dibao",
        )


def test_my_cases_query_count_does_not_grow(
    client, resident, community, django_assert_max_num_queries
):
    household = Membership.objects.get(user=resident).household
    client.force_login(resident)
    url = reverse("assistance:my-cases")
    _cases(resident, community, household, 2)
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    _cases(resident, community, household, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("JZ-") >= 22


def test_my_case_query_count_does_not_grow_with_steps_and_reads(
    client, draft, community, officer, django_assert_max_num_queries
):
    submitted(client, draft)
    url = reverse("assistance:my-case", args=[draft.tracking_number])
    coordinator = grant_role(Role.AID_COORDINATOR, community=community)
    open_case(coordinator, draft)
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(15):
        open_case(coordinator, draft)
        workflow.note_step(draft, "note", actor=officer, public_note="材料已收到")
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert body.count("材料已收到") == 15
