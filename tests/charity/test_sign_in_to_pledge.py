"""An anonymous visitor on an open project or need is shown how to pledge: sign in
first, then come back to the pledge form."""

import datetime
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from charity.needs import services as need_services

pytestmark = pytest.mark.django_db


def visitor():
    client = Client()
    client.cookies.load({"django_language": "zh-hans"})
    return client


def test_an_anonymous_visitor_on_an_open_project_is_offered_sign_in_then_pledge(
    community, public_project, resident
):
    path = reverse("charity:project", args=[community.slug, public_project.pk])
    pledge = reverse("charity:pledge", args=[community.slug, public_project.pk])
    html = visitor().get(path).content.decode()
    assert "登录后认捐" in html
    assert f'href="/accounts/login/?next={quote(pledge)}"' in html
    assert f'href="{pledge}"' not in html

    signed_in = visitor()
    signed_in.force_login(resident)
    html = signed_in.get(path).content.decode()
    assert f'href="{pledge}"' in html
    assert "登录后认捐" not in html


def test_a_draft_project_offers_no_pledge_at_all(community, draft_project, manager):
    path = reverse("charity:project", args=[community.slug, draft_project.pk])
    client = visitor()
    client.force_login(manager)
    assert "登录后认捐" not in client.get(path).content.decode()


def test_an_anonymous_visitor_on_an_open_need_is_offered_sign_in_then_pledge(
    community, manager
):
    need = need_services.post_need(
        actor=manager,
        community=community,
        item="大米",
        quantity=10,
        unit="袋",
        needed_by=timezone.localdate() + datetime.timedelta(days=14),
    )
    pledge = reverse("charity:need-pledge", args=[community.slug, need.pk])
    path = reverse("charity:need", args=[community.slug, need.pk])
    html = visitor().get(path).content.decode()
    assert "登录后认捐物资" in html
    assert f"?next={quote(pledge)}" in html
    need_services.close_need(actor=manager, need=need)
    assert "登录后认捐物资" not in visitor().get(path).content.decode()
