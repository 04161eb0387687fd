"""seed_demo: refuses without DEBUG, builds every role, and is idempotent."""

from __future__ import annotations

import io

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management import call_command

from accounts.mfa import has_totp
from accounts.models import User
from communities.management.commands.seed_demo import DEMO_TOTP_SECRET
from communities.models import Community, Membership, Region, Role, RoleGrant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _seeded(seeded):
    """Every test here reads the demo data seeded once for tests/demo."""


def _row_counts() -> dict[str, int]:
    labels = [
        "accounts",
        "communities",
        "audit",
        "notifications",
        "auth",
        "wagtailcore",
    ]
    return {
        model._meta.label: model._default_manager.count()
        for label in labels
        for model in apps.get_app_config(label).get_models()
    } | {
        "EmailAddress": EmailAddress.objects.count(),
        "Authenticator": Authenticator.objects.count(),
    }


def test_seed_demo_twice_changes_nothing():
    first = _row_counts()
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert _row_counts() == first


def test_seed_demo_builds_the_district_streets_and_communities():
    assert Region.objects.get(kind="district").name == "示范区"
    assert Region.objects.exclude(kind="district").count() == 2
    kinds = sorted(Community.objects.values_list("kind", flat=True))
    assert kinds == ["community", "community", "village", "village"]
    assert Membership.objects.verified().count() >= 40
    assert Membership.objects.pending().count() == 1
    assert Membership.objects.filter(is_representative=True).exists()


@pytest.mark.parametrize(
    ("local", "role", "needs_totp"),
    [
        ("committee", Role.COMMITTEE, True),
        ("supervision", Role.SUPERVISION, True),
        ("coordinator", Role.COORDINATOR, False),
        ("charity", Role.CHARITY_MANAGER, False),
        ("street", Role.STREET_OFFICER, True),
        ("district", Role.DISTRICT_OFFICER, True),
    ],
)
def test_seed_demo_has_an_account_per_role(local, role, needs_totp):
    user = User.objects.get(email=f"{local}@demo.gongzhi.cn")
    assert RoleGrant.objects.active().filter(user=user, role=role).exists()
    assert has_totp(user) is needs_totp


def test_seed_demo_accounts_share_the_password_and_have_verified_email(settings):
    for local in ("resident", "rep", "registered", "admin"):
        user = User.objects.get(email=f"{local}@demo.gongzhi.cn")
        assert user.check_password(settings.DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert User.objects.get(email="admin@demo.gongzhi.cn").is_superuser
    assert not Membership.objects.filter(
        user__email="registered@demo.gongzhi.cn"
    ).exists()
    assert Membership.objects.get(user__email="rep@demo.gongzhi.cn").is_representative


def test_seed_demo_prints_the_accounts_and_the_totp_secret(demo_output):
    output = demo_output
    assert DEMO_TOTP_SECRET in output
    assert "committee@demo.gongzhi.cn" in output


def test_the_demo_totp_secret_is_valid_base32():
    import base64

    assert len(base64.b32decode(DEMO_TOTP_SECRET)) == 20


def test_the_demo_portal_serves_the_communities(client):
    html = client.get("/").content.decode()
    assert "和平社区" in html and "桃花村" in html
    assert client.get("/heping/").status_code == 200
