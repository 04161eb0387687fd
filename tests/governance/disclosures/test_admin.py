"""The Wagtail admin: a committee member cannot publish a finance item directly."""

from __future__ import annotations

import pytest
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from governance.models import DisclosureIndexPage, DisclosurePage

pytestmark = pytest.mark.django_db


def _form(title, category, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "admin-disclosure",
            "category": category,
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "summary": "经管理后台",
            "body": streamfield([("paragraph", rich_text("<p>正文</p>"))]),
            "attachments": inline_formset([]),
            "correction_note": "",
            **extra,
        }
    )


@pytest.mark.parametrize(
    ("category", "juwu", "published"),
    [("service", "", True), ("finance", "", False), ("party", "on", False)],
)
def test_only_items_without_review_publish_from_the_admin(
    client, community, editor, category, juwu, published
):
    index = DisclosureIndexPage.objects.get(community=community)
    client.force_login(editor)
    url = f"/admin/pages/add/governance/disclosurepage/{index.pk}/"
    assert client.get(url).status_code == 200
    data = _form("后台公开", category)
    if juwu:
        data["is_juwu"] = juwu
    data["action-publish"] = "publish"
    response = client.post(url, data)
    page = DisclosurePage.objects.filter(title="后台公开").first()
    if published:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert page.live
    else:
        assert response.status_code == 200
        assert "submit it for review" in response.content.decode()
        assert page is None


def test_the_period_must_not_end_before_it_starts(client, community, editor):
    index = DisclosureIndexPage.objects.get(community=community)
    client.force_login(editor)
    url = f"/admin/pages/add/governance/disclosurepage/{index.pk}/"
    response = client.post(url, _form("倒置期间", "service", period_end="2025-01-01"))
    assert response.status_code == 200
    assert not DisclosurePage.objects.filter(title="倒置期间").exists()
