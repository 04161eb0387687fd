"""Browser journeys against a real daphne server (HTTP and websockets) in a subprocess.

The server is forked from the test process after the test database exists, so it
shares the database (a file for SQLite, or PostgreSQL). Everything a journey does
happens in that process, including emails, which go to files the test reads.
"""

from __future__ import annotations

import email
import re
import time
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import expect


@pytest.fixture(scope="module", autouse=True)
def _restore_after_module(restore_migrated_data):  # noqa: F811
    """Journeys are transactional: each test starts from a flushed database (no
    serialized rollback, whose saved content-type ids clash with the ones a flush's
    post_migrate recreates), and each module ends by restoring what migrations made."""
    yield


@pytest.fixture(autouse=True)
def wagtail_roots(transactional_db):
    """Wagtail's root page, root collection and default locale, as its migrations make.

    Transactional tests flush the database afterwards and restore only what was
    serialized when the test database was set up; with --reuse-db that snapshot is
    taken from an already-flushed database and lacks these rows. Recreate them.
    """
    # Content types and permissions, as post_migrate makes them: a transactional test
    # elsewhere may have flushed them without restoring.
    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    from django.contrib.sites.management import create_default_site

    create_default_site(apps.get_app_config("sites"), verbosity=0)

    if not Locale.objects.exists():
        Locale.objects.create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
    if not Page.objects.exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")


@pytest.fixture
def mail_dir(tmp_path, settings) -> Path:
    directory = tmp_path / "mail"
    directory.mkdir()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(directory)},
        }
    }
    return directory


def _use_database(name: str) -> None:
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = name


@pytest.fixture
def live_site(transactional_db, mail_dir, settings):
    """Start daphne serving the whole site (pages, static files, /ws/) for one test."""
    from channels.testing.live import make_application
    from daphne.testing import DaphneProcess
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.db import connection

    settings.ALLOWED_HOSTS = ["*"]
    # allauth accepts only the current 30-second TOTP step by default; a code typed
    # on a step boundary would make the journeys flaky. One step either side is what
    # authenticator apps tolerate in practice.
    settings.MFA_TOTP_TOLERANCE = 1
    process = DaphneProcess(
        "127.0.0.1",
        partial(make_application, static_wrapper=ASGIStaticFilesHandler),
        # channels' own set_database_connection prefixes "test_" again when the
        # forked child inherits settings pytest-django already pointed at the test
        # database (PostgreSQL); hand the child the name actually in use instead.
        setup=partial(_use_database, connection.settings_dict["NAME"]),
    )
    process.start()
    if not process.ready.wait(timeout=30):
        process.terminate()
        raise RuntimeError("daphne did not start")
    try:
        yield f"http://127.0.0.1:{process.port.value}"
    finally:
        process.terminate()
        process.join(10)


def read_mails(mail_dir: Path) -> list[email.message.Message]:
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        raw = path.read_text(encoding="utf-8")
        for chunk in raw.split("-" * 79):
            chunk = chunk.strip()
            if chunk:
                messages.append(email.message_from_string(chunk))
    return messages


def mail_text(message: email.message.Message) -> str:
    if message.is_multipart():
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                return part.get_payload(decode=True).decode(
                    part.get_content_charset() or "utf-8"
                )
        return ""
    return message.get_payload(decode=True).decode(
        message.get_content_charset() or "utf-8"
    )


def first_link(text: str) -> str:
    match = re.search(r"https?://\S+", text)
    assert match, f"no link in mail: {text!r}"
    return match.group(0)


# ---------------------------------------------------------------------------
# People and places, built with the real services in the test process
# ---------------------------------------------------------------------------
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's password


def totp_code(secret: str) -> str:
    """The code an authenticator app shows right now for `secret`."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def make_person(**kwargs):
    """A registered person whose email address is confirmed (can sign in by password)."""
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    person = UserFactory(**kwargs)
    EmailAddress.objects.create(
        user=person, email=person.email, verified=True, primary=True
    )
    return person


def make_committee_member(community, *, with_totp: bool = True, **kwargs):
    """A committee member of `community`; returns (person, TOTP secret or None)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from communities import services
    from communities.models import Role
    from tests.factories import RoleGrantFactory

    person = make_person(**kwargs)
    RoleGrantFactory(user=person, role=Role.COMMITTEE, community=community)
    services.sync_admin_rights(user=person)
    secret = None
    if with_totp:
        secret = generate_totp_secret()
        TOTP.activate(person, secret)
    return person, secret


@pytest.fixture
def street(db):
    from tests.factories import RegionFactory, StreetFactory

    return StreetFactory(parent=RegionFactory(), name="和平街道", slug="heping")


@pytest.fixture
def community(street):
    """An urban community with its home page under the district portal."""
    from communities import services

    services.ensure_portal()
    return services.create_community(
        street=street, name="幸福里社区", slug="xingfuli", kind="community"
    )


# ---------------------------------------------------------------------------
# Browser steps a person takes
# ---------------------------------------------------------------------------
def label(text: str) -> re.Pattern:
    """A field label as rendered (Django and allauth may add a colon)."""
    return re.compile(rf"^\s*{re.escape(text)}:?\s*$")


ACTION_TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def _quick_failures(page):
    """Fail a missing element in seconds, not Playwright's default half minute."""
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    page.set_default_navigation_timeout(ACTION_TIMEOUT_MS * 2)


def other_browser(browser):
    """A second person's browser (own cookies), like the first one."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 412, "height": 900}
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS * 2)
    return context


def open_menu(page) -> None:
    """Open the site menu (a <details> behind the "Menu" button on a phone; each new
    page starts with it closed). Nothing to do where it is already open or shown."""
    summary = page.locator("summary.menu-button")
    if summary.is_visible() and not page.locator("details.site-menu[open]").count():
        summary.click()
        expect(page.locator("details.site-menu[open]")).to_have_count(1)


def in_english(page, base_url: str) -> None:
    """Switch this browser to English through the site's language link."""
    page.goto(f"{base_url}/accounts/language/en/?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def sign_in(
    page, base_url: str, email: str, *, totp_secret: str | None = None, english=True
):
    """Sign in by password (and TOTP code when the person has one).

    The form is filled in English; a signed-in person sees their account's language,
    so with `english` the person then switches it to English by the site's link.
    """
    page.goto(f"{base_url}/accounts/language/en/?next=/accounts/login/")
    page.get_by_label(label("Email or mobile phone")).fill(email)
    page.get_by_label(label("Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if totp_secret is not None:
        expect(
            page.get_by_role("heading", name="Two-Factor Authentication")
        ).to_be_visible()
        page.get_by_label(label("Code")).fill(totp_code(totp_secret))
        page.get_by_role("button", name="Sign In").click()
    expect(page.locator("a[href='/accounts/logout/']")).to_have_count(1)
    if english:
        in_english(page, base_url)
