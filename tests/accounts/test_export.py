"""Download all personal data as JSON, gathered from every app's registered collector."""

import json

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken

from accounts import personal_data
from accounts.services import export_personal_data
from tests.support.accounts import activate_totp

pytestmark = pytest.mark.django_db


def test_export_needs_a_signed_in_person(client):
    response = client.get("/accounts/data/export/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("method", ["get", "post"])
def test_export_downloads_the_persons_data_as_a_json_attachment(
    client, verified_user, method
):
    person = verified_user(
        display_name="老王", real_name="王小明", phone="+8613812345678"
    )
    client.force_login(person)
    response = getattr(client, method)("/accounts/data/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".json" in response["Content-Disposition"]
    data = json.loads(response.content)["data"]
    assert data["account"]["email"] == person.email
    assert data["account"]["real_name"] == "王小明"
    assert data["account"]["phone"] == "+8613812345678"
    assert data["email_addresses"] == [
        {"email": person.email, "verified": True, "primary": True}
    ]
    assert "王小明" in response.content.decode()  # readable, not \\u-escaped


def test_export_never_contains_password_hashes_or_totp_secrets(verified_user):
    person = verified_user()
    secret = activate_totp(person)
    app = SocialApp.objects.create(
        provider="weixin", name="wx", client_id="id", secret="s"
    )
    account = SocialAccount.objects.create(user=person, provider="weixin", uid="u1")
    SocialToken.objects.create(app=app, account=account, token="tok-secret-value")

    text = json.dumps(export_personal_data(user=person), ensure_ascii=False)
    assert person.password not in text
    assert "md5$" not in text
    assert secret not in text
    assert "tok-secret-value" not in text
    methods = export_personal_data(user=person)["data"]["login_methods"]
    assert methods["has_password"] is True
    assert [a["type"] for a in methods["two_factor"]] == ["totp"]
    assert [a["provider"] for a in methods["social_accounts"]] == ["weixin"]


def test_collectors_registered_by_other_apps_appear_in_the_export(verified_user):
    person = verified_user()

    def collect(user):
        return [{"owner": user.pk}]

    personal_data.register_collector("test_section", collect)
    try:
        data = export_personal_data(user=person)["data"]
    finally:
        personal_data.unregister_collector("test_section")
    assert data["test_section"] == [{"owner": person.pk}]
    assert "test_section" not in export_personal_data(user=person)["data"]


def test_export_holds_only_the_requesting_persons_data(client, verified_user):
    me = verified_user(real_name="甲乙丙")
    other = verified_user(real_name="丁戊己")
    client.force_login(me)
    text = client.get("/accounts/data/export/").content.decode()
    assert other.email not in text
    assert "丁戊己" not in text
