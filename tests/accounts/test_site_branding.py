"""E-mails carry the site's own name and address from settings, never example.com."""

from django.contrib.sites.models import Site
from django.core import mail
from django.test import override_settings
from django.utils import translation

from accounts.site import sync_site

GOOD = {
    "email": "brand@example.cn",
    "phone": "",
    "password1": "a-long-Passw0rd-9",
    "password2": "a-long-Passw0rd-9",
}


def test_migrate_leaves_the_site_row_equal_to_the_settings(db, settings):
    site = Site.objects.get_current()
    assert site.name == settings.SITE_NAME
    assert site.domain == settings.SITE_DOMAIN


@override_settings(SITE_NAME="幸福街道共治", SITE_DOMAIN="gongzhi.example.gov.cn")
def test_the_signup_mail_names_the_site_and_its_address(client, db):
    sync_site()
    with translation.override("zh-hans"):
        response = client.post(
            "/accounts/signup/", GOOD, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert response.status_code == 302
    message = mail.outbox[0]
    text = message.subject + message.body
    assert "example.com" not in text
    assert "幸福街道共治" in text
    assert "gongzhi.example.gov.cn" in message.body
    # Readable in the console: the body is sent as 8-bit text, not base64.
    assert "Content-Transfer-Encoding: base64" not in message.message().as_string()
