"""Objections (质询/异议): filing, answering, accepting, reopening, escalating."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from communities.models import Role
from governance.disclosures.services import base, objections, workflow
from governance.models import Objection
from notifications.models import Notification
from tests.factories import RoleGrantFactory
from tests.support.actors import give_totp
from tests.support.governance_disclosures import add_disclosure, finance_body, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance_page(community, editor, reviewer):
    page = add_disclosure(
        community, category="finance", body=finance_body(), user=editor, publish=False
    )
    submit(page, editor)
    workflow.approve(actor=reviewer, page=page)
    page.refresh_from_db()
    return page


def test_a_resident_files_on_one_line_and_gets_a_tracking_number(
    community, resident, finance_page, editor
):
    line = finance_page.finance_lines()[1]
    objection = objections.file_objection(
        actor=resident, page=finance_page, text="环境整治支出明细？", line_id=line.id
    )
    assert objection.tracking_number.startswith("ZX")
    assert objection.line_label.startswith("环境整治")
    assert objection.answer_due_on == timezone.localdate() + datetime.timedelta(days=10)
    assert Notification.objects.filter(
        recipient=editor, kind="governance.objection_filed"
    ).exists()


def test_line_ids_survive_a_correction(community, finance_page, editor, reviewer):
    before = [line.id for line in finance_page.finance_lines()]
    assert all(before) and len(set(before)) == 3
    page = finance_page.__class__.objects.get(pk=finance_page.pk)
    page.correction_note = "更正说明"
    page.save_revision(user=editor)
    submit(page, editor)
    workflow.approve(actor=reviewer, page=page)
    page.refresh_from_db()
    assert [line.id for line in page.finance_lines()] == before


@pytest.mark.parametrize(
    ("text", "line_id", "field"),
    [
        ("", "", "text"),
        ("abc", "", "text"),
        ("x" * 2001, "", "text"),
        ("合理的问题", "nope", "line_id"),
    ],
)
def test_bad_objections_are_refused(resident, finance_page, text, line_id, field):
    with pytest.raises(ValidationError) as error:
        objections.file_objection(
            actor=resident, page=finance_page, text=text, line_id=line_id
        )
    assert field in error.value.message_dict
    assert not Objection.objects.exists()


def test_only_verified_residents_file(finance_page, editor):
    with pytest.raises(PermissionDenied):
        objections.file_objection(actor=editor, page=finance_page, text="委员也想问")


def test_filing_is_rate_limited(resident, finance_page):
    for n in range(base.OBJECTIONS_PER_DAY):
        objections.file_objection(
            actor=resident, page=finance_page, text=f"问题编号{n}"
        )
    with pytest.raises(ValidationError, match="wait until tomorrow"):
        objections.file_objection(
            actor=resident, page=finance_page, text="请问还能再问吗"
        )


def test_answer_accept_and_reopen_once(resident, finance_page, editor):
    objection = objections.file_objection(
        actor=resident, page=finance_page, text="为何支出增加？"
    )
    with pytest.raises(PermissionDenied):
        objections.answer_objection(
            actor=resident, objection=objection, answer="自问自答"
        )
    objection = objections.answer_objection(
        actor=editor, objection=objection, answer="因物价上涨，详见附件。"
    )
    assert objection.status == "answered"
    assert Notification.objects.filter(
        recipient=resident, kind="governance.objection_answered"
    ).exists()
    with pytest.raises(PermissionDenied):
        objections.reopen_objection(
            actor=editor, objection=objection, reason="不是提问人"
        )
    objection = objections.reopen_objection(
        actor=resident, objection=objection, reason="附件没有看到"
    )
    assert objection.status == "reopened"
    objection = objections.answer_objection(
        actor=editor, objection=objection, answer="附件已补充上传。"
    )
    with pytest.raises(ValidationError, match="only once"):
        objections.reopen_objection(
            actor=resident, objection=objection, reason="还是不满意"
        )
    objection = objections.accept_answer(actor=resident, objection=objection)
    assert objection.status == "accepted"


def test_an_unanswered_objection_escalates_to_the_street_officer_once(
    community, resident, finance_page
):
    officer = give_totp(
        RoleGrantFactory(
            role=Role.STREET_OFFICER, region=community.street, community=None
        ).user
    )
    objection = objections.file_objection(
        actor=resident, page=finance_page, text="为何支出增加？"
    )
    due = objection.answer_due_on
    assert objections.escalate_objections(due) == 0
    later = due + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(12))):
        assert objections.escalate_objections(later) == 1
        assert objections.escalate_objections(later) == 0
    objection.refresh_from_db()
    assert objection.escalated_at is not None
    assert (
        Notification.objects.filter(
            recipient=officer, kind="governance.objection_escalated"
        ).count()
        == 1
    )
