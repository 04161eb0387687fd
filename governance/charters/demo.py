"""Demo charters: a residents' convention adopted in two versions, the same for
the first village (a 村规民约), and a self-governance charter under street/town
review. Called from governance.demo.seed.

Idempotent: a community that already has a charter is left alone. Every step goes
through governance.charters.services, as the admin (a platform admin may take the
committee's and the street officer's steps).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone, translation

from communities import wording
from communities.models import Community
from governance.charters.pages import CharterPage
from governance.charters.services import drafting, lifecycle, votes

CONVENTION = [
    "居民应当遵守法律法规，爱护公共设施，保持楼道、庭院整洁。",
    "饲养宠物应当文明，外出牵绳，及时清理粪便。",
    "邻里之间互相尊重、互相帮助，发生纠纷协商解决，可以请人民调解委员会调解。",
    "积极参加社区协商和志愿服务，关心老人、儿童和残疾人。",
]
CONVENTION_V2_CHANGES = {
    2: "饲养宠物应当文明，外出牵绳，及时清理粪便，按时接种疫苗。",
}
CONVENTION_V2_ADDED = "实行生活垃圾分类，按时按点投放。"
CHARTER = [
    "本章程依据《中华人民共和国城市居民委员会组织法》制定。",
    "居民会议是社区居民自治的最高决策形式，每年至少召开一次。",
    "居民委员会每届任期五年，成员可以连选连任。",
    "涉及全体居民利益的重要事项，应当提交居民会议讨论决定。",
]
VOTE = {
    "electorate": 320,
    "attendance": 205,
    "women": 108,
    "votes_for": 188,
    "against": 9,
    "abstain": 8,
}


def seed(*, admin: Any, communities: list[Community]) -> None:
    if not communities:
        return
    _adopted_convention(admin, communities[0])
    _charter_under_review(admin, communities[1 if len(communities) > 1 else 0])
    # The first village's 村规民约, so the demo shows the village wording too.
    village = next((c for c in communities if c.is_village), None)
    if village is not None:
        _adopted_convention(admin, village)


def _adopt(admin, version, *, held_on: datetime.date, in_force_on: datetime.date):
    version = lifecycle.close_opinions(actor=admin, version=version)
    version = lifecycle.submit_for_review(actor=admin, version=version)
    version = lifecycle.pass_review(actor=admin, version=version)
    votes.record_adoption_vote(version, actor=admin, held_on=held_on, **VOTE)
    version.refresh_from_db()
    version = lifecycle.confirm_filing(actor=admin, version=version)
    return lifecycle.publish(actor=admin, version=version, in_force_on=in_force_on)


def _word(community: Community, key: str) -> str:
    """The Chinese city or village word for demo content (communities.wording)."""
    with translation.override("zh-hans"):
        return str(wording.term(community, key))


def _adopted_convention(admin, community: Community) -> None:
    # A 社区 adopts a 居民公约, a 村 a 村规民约 (communities.wording decides the word).
    kind = "village" if community.is_village else "residents"
    if CharterPage.objects.filter(community=community, kind=kind).exists():
        return
    today = timezone.localdate()
    first = drafting.start_charter(
        actor=admin,
        community=community,
        kind=kind,
        title=f"{community.name}{_word(community, 'convention')}",
        clauses=CONVENTION,
    )
    first = _adopt(
        admin,
        first,
        held_on=today - datetime.timedelta(days=400),
        in_force_on=today - datetime.timedelta(days=390),
    )
    second = drafting.start_revision(
        actor=admin, charter=first.charter, summary="增加垃圾分类条款，完善宠物管理。"
    )
    for clause in second.clauses.all():
        if clause.number in CONVENTION_V2_CHANGES:
            drafting.change_clause(
                actor=admin, clause=clause, text=CONVENTION_V2_CHANGES[clause.number]
            )
    drafting.add_clause(actor=admin, version=second, text=CONVENTION_V2_ADDED)
    _adopt(
        admin,
        second,
        held_on=today - datetime.timedelta(days=20),
        in_force_on=today - datetime.timedelta(days=5),
    )


def _charter_under_review(admin, community: Community) -> None:
    if CharterPage.objects.filter(community=community, kind="charter").exists():
        return
    version = drafting.start_charter(
        actor=admin,
        community=community,
        kind="charter",
        title=f"{community.name}居民自治章程",
        clauses=CHARTER,
    )
    version = lifecycle.close_opinions(actor=admin, version=version)
    lifecycle.submit_for_review(actor=admin, version=version)
