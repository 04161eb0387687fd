"""Browser journeys against a real daphne server (HTTP and websockets) in a subprocess.

The server is forked from the test process after the test database exists, so it
shares the database (a file for SQLite, or PostgreSQL). Everything a journey does
happens in that process, including emails, which go to files the test reads.
"""

from __future__ import annotations

import email
import re
from functools import partial
from pathlib import Path

import pytest


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


@pytest.fixture
def live_site(transactional_db, mail_dir, settings):
    """Start daphne serving the whole site (pages, static files, /ws/) for one test."""
    from channels.testing.live import make_application, set_database_connection
    from daphne.testing import DaphneProcess
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    settings.ALLOWED_HOSTS = ["*"]
    process = DaphneProcess(
        "127.0.0.1",
        partial(make_application, static_wrapper=ASGIStaticFilesHandler),
        setup=set_database_connection,
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
