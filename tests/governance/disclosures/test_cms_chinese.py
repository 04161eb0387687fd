"""The Wagtail admin as a Chinese committee member sees it (issue 15 §2).

Our catalogue must not change Wagtail's own words (our "History" and "Owner" carry
a context), the review workflow and its task are named in Chinese, the editor of a
finance disclosure offers the review instead of a publish button that always
fails, and "编辑" on public pages appears only for people Wagtail lets edit.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from wagtail.models import Workflow

from communities.models import Membership
from governance.disclosures.pages import DisclosureIndexPage
from governance.disclosures.review import SupervisionReviewTask
from governance.disclosures.services.base import TASK_NAME, WORKFLOW_NAME
from governance.disclosures.services.workflow import ensure_review_workflow
from governance.notices.pages import NoticeIndexPage
from tests.support.actors import member
from tests.support.governance_disclosures import add_disclosure, finance_body
from tests.support.governance_notices import add_notice

pytestmark = pytest.mark.django_db
PUBLISH_BUTTON = 'name="action-publish"'


def _chinese(user):
    user.preferred_language = "zh-hans"
    user.save()
    return user


def test_wagtail_keeps_its_own_words_for_history_and_owner(
    zh_client, community, editor
):
    zh_client.force_login(_chinese(editor))
    index = NoticeIndexPage.objects.get(community=community)
    notice = add_notice(community)
    explorer = zh_client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert "所有者" in explorer  # Wagtail's "Owner" filter
    assert "责任方" not in explorer
    history = zh_client.get(f"/admin/pages/{notice.pk}/history/").content.decode()
    assert "历史" in history  # Wagtail's "History"
    assert "办理记录" not in history
    editing = zh_client.get(f"/admin/pages/{notice.pk}/edit/").content.decode()
    assert "办理记录" not in editing


def test_our_own_history_and_owner_keep_their_chinese_in_context():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.pgettext("record", "History") == "办理记录"
        assert translation.pgettext("follow-up", "Owner") == "责任方"
        assert translation.gettext("History") == "历史"
        assert translation.gettext("Owner") == "所有者"
        assert translation.gettext("- Select an option -") == "- 请选择 -"


def test_the_review_workflow_and_task_are_named_in_chinese(community):
    workflow = ensure_review_workflow()
    assert workflow.name == "公开审核"
    assert SupervisionReviewTask.objects.get().name == "监督委员会审核"
    # Rows created earlier with the English defaults are renamed once.
    Workflow.objects.filter(pk=workflow.pk).update(name=WORKFLOW_NAME)
    SupervisionReviewTask.objects.update(name=TASK_NAME)
    assert ensure_review_workflow().pk == workflow.pk
    workflow.refresh_from_db()
    assert workflow.name == "公开审核"
    assert SupervisionReviewTask.objects.get().name == "监督委员会审核"


def test_the_disclosure_editor_is_all_chinese_and_offers_the_review(
    zh_client, community, editor
):
    zh_client.force_login(_chinese(editor))
    index = DisclosureIndexPage.objects.get(community=community)
    adding = zh_client.get(
        f"/admin/pages/add/governance/disclosurepage/{index.pk}/"
    ).content.decode()
    for english in ("Select an option", "Disclosure review", "Supervision review"):
        assert english not in adding
    assert "提交审核" in adding
    # New disclosures: the script hides "Publish" while finance is chosen.
    assert "js/disclosure-editor.js" in adding
    page = add_disclosure(
        community, category="finance", body=finance_body(), publish=False
    )
    editing = zh_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert PUBLISH_BUTTON not in editing
    footer = re.search(r"<footer.*?</footer>", editing, re.S).group(0)
    # The review submission is the editor's main (first) button.
    actions = re.findall(r'name="(action-[a-z-]+)"', footer)
    assert actions[0] == "action-submit", actions


def test_a_service_disclosure_still_publishes_from_the_editor(
    zh_client, community, editor
):
    zh_client.force_login(_chinese(editor))
    page = add_disclosure(community, category="service", publish=False)
    editing = zh_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert PUBLISH_BUTTON in editing


def test_the_edit_link_shows_only_for_editors_and_never_in_the_cache(
    client, community, editor
):
    notice = add_notice(community)
    url = notice.url
    cache.clear()
    anonymous = client.get(url).content.decode()
    assert "data-edit-link" not in anonymous
    resident = member(community, Membership.Status.VERIFIED)
    client.force_login(resident)
    assert "data-edit-link" not in client.get(url).content.decode()
    client.force_login(editor)
    page = client.get(url).content.decode()
    assert f'href="/admin/pages/{notice.pk}/edit/"' in page
    client.logout()
    # The anonymous copy (cached or not) still has no link.
    assert "data-edit-link" not in client.get(url).content.decode()
    board = DisclosureIndexPage.objects.get(community=community)
    disclosure = add_disclosure(community)
    client.force_login(editor)
    assert (
        board.pk
        and f"/admin/pages/{disclosure.pk}/edit/"
        in client.get(disclosure.url).content.decode()
    )


def _footer_labels(html: str) -> list[str]:
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    text = re.sub(r"<[^>]+>", "\n", footer)
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_a_finance_disclosure_offers_exactly_submit_for_review(
    zh_client, community, editor
):
    """Wagtail would say "提交给公开审核"; a finance disclosure's main button reads
    提交审核 and no button in the footer publishes."""
    zh_client.force_login(_chinese(editor))
    page = add_disclosure(
        community, category="finance", body=finance_body(), publish=False
    )
    editing = zh_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    labels = _footer_labels(editing)
    assert "提交审核" in labels
    assert not [label for label in labels if "提交给" in label or "提交到" in label]
    assert not [label for label in labels if label in ("发布", "Publish")]
    footer = re.search(r"<footer.*?</footer>", editing, re.S).group(0)
    submit = re.search(
        r'<button[^>]*name="action-submit"[^>]*>(.*?)</button>', footer, re.S
    )
    assert "提交审核" in re.sub(r"<[^>]+>", "", submit.group(1))
    # Adding a disclosure: the same words.
    index = DisclosureIndexPage.objects.get(community=community)
    adding = zh_client.get(
        f"/admin/pages/add/governance/disclosurepage/{index.pk}/"
    ).content.decode()
    assert "提交审核" in _footer_labels(adding)
    assert "提交给" not in adding
