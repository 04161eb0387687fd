"""Clauses imposing fines or other coercive penalties are flagged, and must be
revised or acknowledged before the charter is submitted."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from governance.charters.penalties import find_penalties, patterns
from governance.charters.services import drafting, lifecycle
from tests.governance.charters.conftest import CLAUSES, S


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("乱扔垃圾者罚款五十元。", ["罚款"]),
        ("情节严重的，送派出所拘留。", ["拘留"]),
        ("违章搭建的材料一律没收。", ["没收"]),
        ("可以扣押其车辆。", ["扣押"]),
        ("拒不改正的，强制拆除。", ["强制"]),
        ("欠缴物业费者予以断水断电。", ["断水", "断电"]),
        ("不参加义务劳动的，取消其年终分红待遇。", ["取消其年终分红待遇"]),
        ("拒不履行的，停止对其家庭供水。", ["停止对其家庭供水"]),
        ("居民应当爱护公共设施。", []),
        ("邻里纠纷可以请人民调解委员会调解。", []),
    ],
)
def test_penalty_wording_is_found(text, found):
    assert find_penalties(text) == found


def test_the_list_is_data_and_every_pattern_compiles():
    assert len(patterns()) >= 10


@pytest.mark.django_db
def test_a_flagged_clause_blocks_submission_until_acknowledged(
    start, advance, committee_member
):
    version = start(clauses=[*CLAUSES, "乱扔垃圾者罚款五十元。"])
    flagged = version.clauses.get(number=4)
    assert flagged.penalty_terms == ["罚款"]
    version = advance(version, S.DRAFT)
    with pytest.raises(ValidationError) as error:
        lifecycle.submit_for_review(actor=committee_member, version=version)
    assert error.value.code == "penalties"
    assert "4" in error.value.messages[0]
    version.refresh_from_db()
    assert version.state == S.DRAFT
    with pytest.raises(ValidationError) as error:
        drafting.acknowledge_penalty(actor=committee_member, clause=flagged, note=" ")
    assert "note" in error.value.error_dict
    drafting.acknowledge_penalty(
        actor=committee_member,
        clause=flagged,
        note="依据《城市市容和环境卫生管理条例》由城管执法，本条仅作提示。",
    )
    flagged.refresh_from_db()
    assert flagged.penalty_acknowledged_by == committee_member
    assert (
        lifecycle.submit_for_review(actor=committee_member, version=version).state
        == S.SUBMITTED
    )


@pytest.mark.django_db
def test_revising_a_flagged_clause_clears_the_flag(start, advance, committee_member):
    version = advance(start(clauses=["欠费者断水断电。"]), S.DRAFT)
    clause = version.clauses.get()
    drafting.change_clause(
        actor=committee_member, clause=clause, text="欠费者由物业催缴。"
    )
    clause.refresh_from_db()
    assert clause.penalty_terms == []
    assert (
        lifecycle.submit_for_review(actor=committee_member, version=version).state
        == S.SUBMITTED
    )


@pytest.mark.django_db
def test_a_new_penalty_needs_a_new_acknowledgement(start, advance, committee_member):
    version = advance(start(clauses=["乱扔垃圾者罚款五十元。"]), S.DRAFT)
    clause = version.clauses.get()
    drafting.acknowledge_penalty(actor=committee_member, clause=clause, note="依法")
    drafting.change_clause(
        actor=committee_member, clause=clause, text="乱扔垃圾者罚款五十元，并没收工具。"
    )
    clause.refresh_from_db()
    assert clause.needs_acknowledgement
    with pytest.raises(ValidationError):
        lifecycle.submit_for_review(actor=committee_member, version=version)


@pytest.mark.django_db
def test_a_clause_without_penalty_cannot_be_acknowledged(start, committee_member):
    clause = start().clauses.first()
    with pytest.raises(ValidationError):
        drafting.acknowledge_penalty(actor=committee_member, clause=clause, note="无")
