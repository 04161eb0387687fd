"""Form errors reach people in Chinese by default, and bad input saves nothing."""

from __future__ import annotations

import re

import pytest

from accounts.models import User
from audit.models import AuditEvent
from communities.models import CommunitySettings, Membership
from notifications import kinds
from notifications.models import NotificationPreference

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
ERROR_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)


def shown_errors(html: str) -> dict[str, list[str]]:
    """The error messages a page shows, keyed by the list's id (field or form)."""
    errors = {}
    for match in re.finditer(
        r'<ul class="errorlist[^"]*"(?: id="(?P<id>[^"]+)")?[^>]*>(?P<items>.*?)</ul>',
        html,
        re.DOTALL,
    ):
        key = match.group("id") or "form"
        errors.setdefault(key, []).extend(ERROR_ITEM.findall(match.group("items")))
    return errors


def assert_all_chinese(errors: dict[str, list[str]]) -> None:
    assert errors, "the page shows no error"
    english = [m for ms in errors.values() for m in ms if not CJK.search(m)]
    assert not english, f"errors not in Chinese: {english}"


def test_the_join_form_names_the_missing_household_fields_in_chinese(
    zh_client, heping, person
):
    zh_client.force_login(person)
    response = zh_client.post(
        f"/{heping.slug}/join/", {"real_name": "王小明", "unit": "2", "note": "你好"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    errors = shown_errors(html)
    assert set(errors) == {"id_building_error", "id_room_error"}
    assert_all_chinese(errors)
    assert "This field is required." not in html
    assert "楼栋" in html and "房号" in html  # the labels too
    assert not Membership.objects.filter(user=person).exists()


def test_the_signup_form_says_in_chinese_that_the_passwords_differ(zh_client, portal):
    response = zh_client.post(
        "/accounts/signup/",
        {
            "email": "new.person@example.org",
            "password1": "a-long-unusual-passphrase",
            "password2": "another-long-passphrase",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert_all_chinese(shown_errors(html))
    assert "每次输入的密码必须相同。" in html
    assert "You must type the same password each time." not in html
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_the_notification_preferences_refuse_an_unknown_delivery_in_chinese(
    zh_client, person
):
    zh_client.force_login(person)
    data = {f"kind_{kind.key}": kind.default_delivery for kind in kinds.all_kinds()}
    data["kind_system"] = "carrier-pigeon"
    response = zh_client.post("/notifications/preferences/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert_all_chinese(shown_errors(html))
    assert "“carrier-pigeon”不是有效的接收方式，请从列表中选择。" in html
    assert "未保存任何内容，请更正以下错误。" in html
    assert "is not a delivery option" not in html
    assert not NotificationPreference.objects.filter(user=person).exists()


def test_the_community_settings_refuse_an_out_of_range_number_in_chinese(
    zh_client, committee, heping
):
    policy = CommunitySettings.objects.get(community=heping)
    data = {
        field.name: getattr(policy, field.name)
        for field in CommunitySettings._meta.concrete_fields
        if field.name not in ("id", "community")
    }
    data["quorum_fraction"] = "1.5"
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    zh_client.force_login(committee)
    response = zh_client.post(f"/{heping.slug}/settings/", data)
    assert response.status_code == 200
    html = response.content.decode()
    errors = shown_errors(html)
    assert set(errors) == {"id_quorum_fraction_error"}
    assert_all_chinese(errors)
    assert "确保该值小于或等于1。" in html
    assert "Ensure this value" not in html
    policy.refresh_from_db()
    assert str(policy.quorum_fraction) == "0.500"
    assert not AuditEvent.objects.filter(action="community.settings.update").exists()
