"""The portal's heading is in the site's language (Chinese), not the English msgid."""

from communities.regions.pages import PortalHomePage
from communities.regions.services import ensure_portal


def test_the_portal_is_titled_in_chinese(client, db):
    portal = ensure_portal()
    assert portal.title == "区级门户"
    html = client.get("/").content.decode()
    assert "<h1>区级门户</h1>" in html
    assert "District portal" not in html


def test_an_untouched_english_default_title_is_put_into_chinese(db):
    portal = ensure_portal()
    PortalHomePage.objects.filter(pk=portal.pk).update(title="District portal")
    assert ensure_portal().title == "区级门户"


def test_a_title_the_editors_chose_is_kept(db):
    portal = ensure_portal()
    PortalHomePage.objects.filter(pk=portal.pk).update(title="幸福区共治平台")
    assert ensure_portal().title == "幸福区共治平台"
