"""The Wagtail admin's JavaScript words in Chinese (issue 15 §2): Draftail's
placeholder and block menu, autosave and the content checks, which Wagtail 8's own
zh_Hans catalogue lacks, come from ours; Wagtail's own words stay Wagtail's."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pytest
import wagtail.admin

pytestmark = pytest.mark.django_db


def catalogue(client, editor) -> dict:
    editor.preferred_language = "zh-hans"
    editor.save()
    client.force_login(editor)
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    found = re.search(
        r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S
    )
    return json.loads(found.group(1))


def test_draftail_and_autosave_speak_chinese(client, editor):
    words = catalogue(client, editor)
    assert words["Write something or type ‘/’ to insert a block"] == (
        "输入内容，或输入“/”插入内容块"
    )
    assert words["Changes have been autosaved."] == "修改已自动保存。"
    assert words["%(num)s error"] == ["%(num)s个错误"]


def test_wagtails_own_words_are_kept(client, editor):
    locale = Path(wagtail.admin.__file__).parent / "locale"
    wagtails = gettext.translation("djangojs", locale, languages=["zh_Hans"])
    words = catalogue(client, editor)
    assert words["Close"] == wagtails.gettext("Close") != "Close"
