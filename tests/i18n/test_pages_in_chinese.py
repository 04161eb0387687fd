"""Pages speak Simplified Chinese by default and English once a visitor switches."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from config.errors import server_error

pytestmark = pytest.mark.django_db

MISSING = "/no-such-page-anywhere/"


def _html(response) -> str:
    return response.content.decode()


def _switch_to_english(browser) -> None:
    response = browser.get("/accounts/language/en/?next=/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_portal_is_in_chinese_by_default(zh_client, portal):
    html = _html(zh_client.get("/"))
    assert '<html lang="zh-hans"' in html
    assert "查找社区" in html  # Find a community
    assert "社区名称" in html  # Community name
    assert ">登录</a>" in html and ">注册</a>" in html  # header links
    assert "跳到主要内容" in html  # skip link
    assert "大字模式" in html  # large-text switch
    assert "Find a community" not in html


def test_the_portal_is_in_english_after_switching(zh_client, portal):
    zh_client.get("/")  # the Chinese page is cached first; English must not reuse it
    _switch_to_english(zh_client)
    html = _html(zh_client.get("/"))
    assert '<html lang="en"' in html
    assert "Find a community" in html
    assert ">Sign in</a>" in html and ">Sign up</a>" in html
    assert "Skip to main content" in html
    assert "查找社区" not in html


def test_the_login_page_is_in_chinese_by_default(zh_client, portal):
    html = _html(zh_client.get("/accounts/login/"))
    assert "<h1>登录</h1>" in html
    assert "发送登录验证码" in html  # Send me a sign-in code
    assert "Sign In" not in html


def test_the_login_page_is_in_english_after_switching(zh_client, portal):
    _switch_to_english(zh_client)
    html = _html(zh_client.get("/accounts/login/"))
    assert "<h1>Sign In</h1>" in html
    assert "Send me a sign-in code" in html
    assert "<h1>登录</h1>" not in html


def test_the_not_found_page_is_in_chinese_by_default(zh_client, portal):
    response = zh_client.get(MISSING)
    assert response.status_code == 404
    html = _html(response)
    assert "<h1>页面未找到</h1>" in html
    assert "返回门户首页" in html


def test_the_not_found_page_is_in_english_after_switching(zh_client, portal):
    _switch_to_english(zh_client)
    response = zh_client.get(MISSING)
    assert response.status_code == 404
    html = _html(response)
    assert "<h1>Page not found</h1>" in html
    assert "页面未找到" not in html


def test_the_forbidden_page_is_in_chinese_by_default(zh_client, resident, heping):
    zh_client.force_login(resident)
    response = zh_client.get(f"/{heping.slug}/verification/")
    assert response.status_code == 403
    html = _html(response)
    assert "<h1>您无权进行此操作</h1>" in html
    assert ">我的社区</a>" in html and ">退出登录</a>" in html  # header links


def test_the_forbidden_page_is_in_english_after_switching(zh_client, resident, heping):
    zh_client.force_login(resident)
    _switch_to_english(zh_client)
    response = zh_client.get(f"/{heping.slug}/verification/")
    assert response.status_code == 403
    html = _html(response)
    assert "<h1>You are not allowed to do this</h1>" in html
    assert ">My communities</a>" in html
    assert "您无权进行此操作" not in html


def test_the_server_error_page_is_in_chinese():
    request = RequestFactory().get("/")
    with translation.override("zh-hans"):
        response = server_error(request)
    assert response.status_code == 500
    html = _html(response)
    assert "<h1>出错了</h1>" in html
    assert '<html lang="zh-hans">' in html


def test_the_server_error_page_is_in_english_when_english_is_active():
    request = RequestFactory().get("/")
    with translation.override("en"):
        html = _html(server_error(request))
    assert "<h1>Something went wrong</h1>" in html


def test_a_community_home_page_is_in_chinese_with_one_plural_form(zh_client, heping):
    html = _html(zh_client.get(f"/{heping.slug}/"))
    assert "您住在这里吗？" in html  # Live here?
    assert "已核实居民 0 人" in html  # the single Chinese plural form
    assert "verified resident" not in html


def test_a_household_reads_as_a_chinese_address(heping):
    from communities.models import Household

    household = Household(community=heping, building="5", unit="2", room="501")
    with translation.override("zh-hans"):
        assert household.label == "5栋 2单元 501室"
    with translation.override("en"):
        assert household.label == "Building 5 Unit 2 Room 501"
