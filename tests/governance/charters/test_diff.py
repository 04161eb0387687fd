"""Comparing versions clause by clause, with a word-level diff rendered safely."""

from __future__ import annotations

import pytest

from governance.charters import diff as charter_diff
from governance.charters.services import drafting
from tests.governance.charters.conftest import S


def test_word_diff_marks_insertions_and_deletions_by_chinese_character():
    html = charter_diff.word_diff("饲养宠物应当文明。", "饲养犬只应当文明，外出牵绳。")
    assert "<del>宠物</del><ins>犬只</ins>" in html
    assert "<ins>，外出牵绳</ins>" in html


def test_word_diff_treats_latin_words_as_one_token():
    html = charter_diff.word_diff("pay 50 yuan", "pay 100 yuan")
    assert "<del>50</del><ins>100</ins>" in html


def test_word_diff_escapes_markup_in_either_text():
    html = charter_diff.word_diff("<b>旧</b>", "<script>alert(1)</script>新")
    assert "<script" not in html
    assert "<b>" not in html
    assert html.count("&lt;") == 2
    assert html.count("&gt;") == 2
    assert "<ins>alert(1)</ins>" in html


@pytest.mark.django_db
def test_versions_compare_clause_by_clause(start, advance, committee_member):
    first = advance(start(), S.PUBLISHED)
    second = drafting.start_revision(actor=committee_member, charter=first.charter)
    clauses = {c.number: c for c in second.clauses.all()}
    drafting.remove_clause(actor=committee_member, clause=clauses[1])
    drafting.change_clause(
        actor=committee_member,
        clause=clauses[2],
        text="饲养宠物应当文明，外出牵绳，及时清理粪便，按时接种疫苗。",
    )
    drafting.add_clause(actor=committee_member, version=second, text="实行垃圾分类。")
    changes = charter_diff.compare(first, second)
    statuses = [change.status for change in changes]
    assert statuses == ["removed", "changed", "same", "added"]
    assert charter_diff.summary(changes) == {
        "added": 1,
        "removed": 1,
        "changed": 1,
        "same": 1,
    }
    changed = changes[1]
    assert changed.old.number == 2  # renumbered, same key
    assert changed.new.number == 1
    assert "<ins>，按时接种疫苗</ins>" in changed.html
