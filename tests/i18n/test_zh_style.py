"""The Simplified Chinese catalogue reads naturally: 您, full-width punctuation, and
one word per thing (the "not" column of docs/glossary.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
GLOSSARY = ROOT / "docs" / "glossary.md"

HAN = r"[\u4e00-\u9fff]"
# Chinese text, or the full-width marks that sit beside it.
WIDE = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]"
ASCII_NEXT_TO_CHINESE = {
    "colon": re.compile(f"{WIDE}:|:{WIDE}"),
    "comma": re.compile(f"{WIDE},|,{WIDE}"),
    "semicolon": re.compile(f"{WIDE};|;{WIDE}"),
    "bracket": re.compile(rf"{HAN}\s*[()]|[()]\s*{HAN}"),
    "question or exclamation mark": re.compile(f"{HAN}[?!]"),
    "full stop": re.compile(rf"{HAN}\.(\s|$)"),
}


def _translations() -> list[tuple[str, str]]:
    text = CATALOGUE.read_text(encoding="utf-8")
    pattern = re.compile(
        r'\n(?:msgctxt ".*"\n)?msgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?'
        r'((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)'
    )

    def join(block: str) -> str:
        return "".join(re.findall(r'"(.*)"', block))

    return [(join(msgid), join(msgstr)) for msgid, msgstr in pattern.findall(text)]


def _avoided_words() -> dict[str, str]:
    """{avoided word: the glossary's word} from the table in docs/glossary.md."""
    avoided = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("English (msgid)", "---"):
            continue
        for word in filter(None, (w.strip() for w in cells[2].split(","))):
            avoided[word] = cells[1]
    return avoided


def test_the_catalogue_is_parsed():
    translations = _translations()
    assert len(translations) > 3000
    assert any(re.search(HAN, msgstr) for _msgid, msgstr in translations)


def test_the_glossary_lists_words_to_avoid():
    avoided = _avoided_words()
    assert avoided["认证居民"] == "已核实居民"
    assert avoided["动议"] == "表决事项"


def test_the_site_says_nin_not_ni():
    offending = [msgid for msgid, msgstr in _translations() if "你" in msgstr]
    assert offending == []


@pytest.mark.parametrize("mark", sorted(ASCII_NEXT_TO_CHINESE))
def test_chinese_text_uses_full_width_punctuation(mark):
    pattern = ASCII_NEXT_TO_CHINESE[mark]
    offending = [
        (msgid, msgstr)
        for msgid, msgstr in _translations()
        if pattern.search(re.sub(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|<[^>]+>", "", msgstr))
    ]
    assert offending == []


def test_one_word_for_each_thing():
    avoided = _avoided_words()
    offending = [
        (msgid, word, avoided[word])
        for msgid, msgstr in _translations()
        for word in avoided
        if word in msgstr
    ]
    assert offending == []


@pytest.mark.parametrize(
    ("sample", "mark"),
    [("请注意:本页", "colon"), ("居民(户)", "bracket"), ("已提交.", "full stop")],
)
def test_the_lint_catches_ascii_marks(sample, mark):
    assert ASCII_NEXT_TO_CHINESE[mark].search(sample)
