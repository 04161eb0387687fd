"""The pairing demo (`seed_demo`, after the charity and volunteers demos): 示范区
supports 甘肃省武山县 and 甘肃省永登县 (东西部协作). Each has its agreement and plan,
paired villages, a home-side liaison (liaison-home@) and a receiving-side liaison
(liaison-wushan@, liaison-yongdeng@; no TOTP: they post and read only their
region's exchange), public updates, situation feedback, a question with its
answer and a staff exchange. The charity demo's paired-assistance project and
one volunteer activity are tagged 甘肃省武山县, so its page shows them. Each step
runs through the services a person would use; idempotent: nothing is added once
武山县 exists."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from communities.models import Community, Region, Role, RoleGrant
from pairing.exchange import services as exchange
from pairing.exchange.models import StaffExchange, Update
from pairing.regions import services
from pairing.regions.models import Liaison, PairedRegion

DOMAIN = "demo.gongzhi.cn"
REGIONS = [
    {
        "name": "甘肃省武山县",
        "slug": "wushan",
        "liaison": ("liaison-wushan", "武山县联系员 马文斌", "武山县民政局副局长"),
        "villages": ["洛门镇蓼阳村", "城关镇东旭村"],
    },
    {
        "name": "甘肃省永登县",
        "slug": "yongdeng",
        "liaison": (
            "liaison-yongdeng",
            "永登县联系员 张晓燕",
            "永登县民政局办公室主任",
        ),
        "villages": ["柳树镇大沙沟村"],
    },
]


def _district_officer(district: Region) -> Any:
    grant = (
        RoleGrant.objects.active()
        .filter(role=Role.DISTRICT_OFFICER, region=district)
        .order_by("pk")
        .first()
    )
    return grant.user if grant else None


def _region(officer: Any, district: Region, spec: dict[str, Any]) -> PairedRegion:
    year = timezone.localdate().year
    county = spec["name"].removeprefix("甘肃省")
    return services.create_paired_region(
        actor=officer,
        district=district,
        name=spec["name"],
        province="甘肃省",
        slug=spec["slug"],
        agreement=(
            f"{district.name}与{county}签订东西部协作结对帮扶协议：双方设立联系员，"
            "建立信息互通、情况反馈机制，开展民政干部交流和社区（村）结对帮扶。"
        ),
        plan=f"{year}年：组织两批民政干部交流；引导社会组织和志愿者参与帮扶；"
        "每季度通报一次帮扶进展。",
        plan_starts_on=datetime.date(year, 1, 1),
        plan_ends_on=datetime.date(year, 12, 31),
    )


def _liaisons(officer: Any, region: PairedRegion, spec: dict, ensure_user: Any) -> Any:
    local, name, title = spec["liaison"]
    receiving = ensure_user(f"{local}@{DOMAIN}", name)
    home = ensure_user(f"liaison-home@{DOMAIN}", "示范区联系员 林志远")
    start = timezone.localdate() - datetime.timedelta(days=30)
    for user, side, who, post in (
        (home, Liaison.Side.HOME, "林志远", "示范区民政局社会事务科科长"),
        (receiving, Liaison.Side.RECEIVING, name.split()[-1], title),
    ):
        services.appoint_liaison(
            actor=officer, paired_region=region, side=side, email=user.email,
            name=who, title=post, starts_on=start)  # fmt: skip
    return home, receiving


def _exchange(officer: Any, region: PairedRegion, home: Any, receiving: Any) -> None:
    exchange.post_update(
        actor=home, paired_region=region, kind=Update.Kind.UPDATE, is_public=True,
        title="冬季助学物资已发往结对学校",
        body="示范区慈善组织募集的冬衣和取暖物资已装车发出，预计一周内送达。")  # fmt: skip
    exchange.post_update(
        actor=receiving, paired_region=region, kind=Update.Kind.FEEDBACK,
        title="结对村困难群众冬季生活情况",
        body="结对村共有低保户36户，取暖物资缺口约40户，请协调慈善资源支持。")  # fmt: skip
    question = exchange.ask_question(
        actor=receiving, paired_region=region,
        title="社区协商议事的经验材料能否分享？",
        body="我县正在推进村级议事协商，希望学习示范区的做法和制度文本。")  # fmt: skip
    exchange.answer_question(
        actor=officer, paired_region=region, question=question,
        answer="已将示范区议事协商制度汇编和两个社区的案例发至贵县民政局邮箱，欢迎来访交流。")  # fmt: skip
    today = timezone.localdate()
    exchange.record_exchange(
        actor=officer, paired_region=region, people="示范区民政局 王强、李娜（社会救助科）",
        direction=StaffExchange.Direction.OUTWARD,
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=40),
        purpose="挂职交流，协助完善低保动态管理和入户核查工作。")  # fmt: skip


def seed(*, admin: Any, communities: list[Community], ensure_user: Any) -> None:
    if PairedRegion.objects.filter(slug=REGIONS[0]["slug"]).exists():
        return
    district = communities[0].street.parent
    officer = _district_officer(district) or admin
    for index, spec in enumerate(REGIONS):
        region = _region(officer, district, spec)
        for community, village in zip(
            communities[index:], spec["villages"], strict=False
        ):
            services.add_pair(
                actor=officer, paired_region=region, community=community,
                partner_name=village, note="结对帮扶")  # fmt: skip
        home, receiving = _liaisons(officer, region, spec, ensure_user)
        _exchange(officer, region, home, receiving)
