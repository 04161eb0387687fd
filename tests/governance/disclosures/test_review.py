"""Review workflow: finance items publish only through an independent supervisor."""

from __future__ import annotations

import pytest
from wagtail.actions.publish_page_revision import PublishPagePermissionError

from governance.disclosures.services import workflow
from governance.models import DisclosureReview, DisclosureVersion
from tests.support.governance_disclosures import (
    add_disclosure,
    finance_body,
    submit,
    supervisor,
    supervisor_on_two_committees,
)

pytestmark = pytest.mark.django_db


def test_a_service_item_publishes_directly(community, editor):
    page = add_disclosure(community, user=editor)
    assert page.live
    version = DisclosureVersion.objects.get(page=page)
    assert version.number == 1 and version.approved_by is None


def test_a_editor_cannot_publish_a_finance_item(community, editor):
    with pytest.raises(PublishPagePermissionError):
        add_disclosure(community, category="finance", body=finance_body(), user=editor)


def test_the_supervisor_approves_and_it_publishes_with_the_approver(community, editor):
    page = add_disclosure(
        community,
        category="finance",
        body=finance_body(),
        user=editor,
        publish=False,
    )
    submit(page, editor)
    reviewer = supervisor(community)
    workflow.approve(actor=reviewer, page=page)
    page.refresh_from_db()
    assert page.live
    version = DisclosureVersion.objects.get(page=page)
    assert version.approved_by == reviewer
    assert version.approved_at is not None


def test_a_supervisor_on_the_two_committees_may_not_approve(community, editor):
    page = add_disclosure(
        community, category="finance", body=finance_body(), publish=False
    )
    submit(page, editor)
    with pytest.raises(Exception):  # noqa: B017
        workflow.approve(actor=supervisor_on_two_committees(community), page=page)
    page.refresh_from_db()
    assert not page.live


def test_returning_needs_a_reason_and_keeps_it_for_the_author(community, editor):
    page = add_disclosure(community, is_juwu=True, user=editor, publish=False)
    submit(page, editor)
    reviewer = supervisor(community)
    workflow.reject(actor=reviewer, page=page, reason="金额与凭证不符")
    page.refresh_from_db()
    assert not page.live
    review = DisclosureReview.objects.get(page=page)
    assert review.decision == "rejected" and review.reason == "金额与凭证不符"


def test_reviewers_are_told_of_a_submission_and_the_author_of_a_return(
    community, editor
):
    from notifications.models import Notification

    reviewer = supervisor(community)
    not_independent = supervisor_on_two_committees(community)
    page = add_disclosure(
        community, category="finance", body=finance_body(), user=editor, publish=False
    )
    submit(page, editor)
    told = Notification.objects.filter(kind="governance.disclosure_review_requested")
    assert list(told.values_list("recipient", flat=True)) == [reviewer.pk]
    assert not told.filter(recipient=not_independent).exists()
    workflow.reject(actor=reviewer, page=page, reason="请补充凭证")
    returned = Notification.objects.get(
        kind="governance.disclosure_returned", recipient=editor
    )
    assert returned.body == "请补充凭证"


def test_a_reason_is_required_to_return(community, editor):
    from django.core.exceptions import ValidationError

    reviewer = supervisor(community)
    page = add_disclosure(community, is_juwu=True, user=editor, publish=False)
    submit(page, editor)
    with pytest.raises(ValidationError):
        workflow.reject(actor=reviewer, page=page, reason="  ")
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert not DisclosureReview.objects.exists()
