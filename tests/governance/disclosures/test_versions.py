"""A published disclosure is never changed in place: corrections are versions."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from governance.disclosures.services import workflow
from governance.models import DisclosureVersion
from tests.support.governance_disclosures import add_disclosure, finance_body, submit

pytestmark = pytest.mark.django_db


def _correct(page, user, *, note, title=None, body=None):
    page = page.specific.__class__.objects.get(pk=page.pk)
    if title:
        page.title = title
    if body is not None:
        page.body = body
    page.correction_note = note
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    page.refresh_from_db()
    return page


def test_a_correction_without_a_note_is_refused(community, editor):
    page = add_disclosure(community, user=editor, title="服务公开")
    with pytest.raises(ValidationError, match="correction note"):
        _correct(page, editor, note="", title="服务公开（修订）")
    page.refresh_from_db()
    assert page.title == "服务公开"
    assert page.versions.count() == 1


def test_a_correction_is_a_new_version_and_the_old_one_stays(client, community, editor):
    page = add_disclosure(community, user=editor, title="服务公开")
    page = _correct(page, editor, note="更正了办理时间", title="服务公开（更正）")
    versions = list(page.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].title == "服务公开"
    assert versions[1].correction_note == "更正了办理时间"
    # the same note again is not a new note
    with pytest.raises(ValidationError, match="new correction note"):
        _correct(page, editor, note="更正了办理时间", title="再次修改")
    current = client.get(page.url).content.decode()
    assert "更正了办理时间" in current and "服务公开（更正）" in current
    old = client.get(f"{page.url}versions/1/")
    assert old.status_code == 200
    assert "服务公开" in old.content.decode()
    assert "superseded" in old.content.decode()
    assert client.get(f"{page.url}versions/9/").status_code == 404


def test_the_diff_shows_changes_escaped(client, community, editor):
    page = add_disclosure(community, user=editor, title="公开<b>A</b>")
    page = _correct(page, editor, note="改标题", title="公开<script>x</script>")
    response = client.get(f"{page.url}diff/?a=1&b=2")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<del>" in html and "<ins>" in html
    assert client.get(f"{page.url}diff/?a=1&b=7").status_code == 404


def test_a_finance_correction_goes_through_review_again(community, editor, reviewer):
    page = add_disclosure(
        community, category="finance", body=finance_body(), user=editor, publish=False
    )
    submit(page, editor)
    workflow.approve(actor=reviewer, page=page)
    page.refresh_from_db()
    page.correction_note = "补录一笔支出"
    page.save_revision(user=editor)
    from wagtail.actions.publish_page_revision import PublishPagePermissionError

    with pytest.raises(PublishPagePermissionError):
        page.get_latest_revision().publish(user=editor)
    submit(page, editor)
    workflow.approve(actor=reviewer, page=page)
    assert DisclosureVersion.objects.filter(page=page).count() == 2
    assert page.versions.get(number=2).approved_by == reviewer


def test_published_disclosures_cannot_be_unpublished_or_deleted(community, editor):
    page = add_disclosure(community, user=editor)
    tester = page.permissions_for_user(editor)
    assert not tester.can_unpublish()
    assert not tester.can_delete()


def test_search_document_is_the_published_version(community, editor):
    page = add_disclosure(
        community,
        user=editor,
        title="低保公示",
        body=[("paragraph", "<p>城乡<b>低保</b>标准</p>")],
    )
    draft = page.__class__.objects.get(pk=page.pk)
    draft.title = "草稿标题"
    draft.save_revision(user=editor)
    page = page.__class__.objects.get(pk=page.pk)
    doc = page.search_document()
    assert page.search_kind == "disclosure"
    assert doc["community"] == community
    assert doc["category"] == "service"
    assert doc["title"] == "低保公示"
    assert "城乡低保标准" in doc["text"] and "<b>" not in doc["text"]
