"""The demo of certificates (`seed_demo`, after governance): the allowed list of
示范区 (types local lists such as Tai'an's allow, with real-looking templates);
requests of 和平社区 in each state — one issued to 林小梅 (resident@) whose serial is
fixed (`DEMO_SERIAL`, shown in README), one refused, one waiting and one overdue.
Each step runs through the services a person would use. Idempotent: nothing is
added once the district has a list."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from communities.models import Role, RoleGrant
from governance.certificates import services
from governance.certificates.models import CertificateRequest, CertificateType

DOMAIN = "demo.gongzhi.cn"
DEMO_SERIAL = "ZM-DEMO-2026-HPSQ-0001"

TYPES = [
    {
        "name": "居住证明（用于申领居住证）",
        "legal_basis": "《居住证暂行条例》第九条、第十条",
        "purpose": "申领居住证时证明在本社区（村）连续居住半年以上",
        "procedure": "1. 线上或到社区服务站提出申请；2. 村（居）委会核实居住情况（可入户或向网格员、物业了解）；3. 3个工作日内出具证明或书面说明不予出具的理由。",
        "evidence": "本人身份证；房屋租赁合同或房屋产权证明；水电费缴费记录（任选其一）",
        "template": "兹证明{name}自本人所述时间起居住在{community}辖区内，居住情况属实。\n本证明仅用于：{purpose}。\n\n{committee}\n{date}\n证明编号：{serial}",
        "order": 10,
    },
    {
        "name": "村民身份证明（用于土地承包、宅基地事务）",
        "legal_basis": "《中华人民共和国农村土地承包法》第十六条；《中华人民共和国土地管理法》第六十二条",
        "purpose": "办理土地承包经营权、宅基地申请等事务时证明本村集体经济组织成员身份",
        "procedure": "1. 提出申请；2. 村民委员会核对村民花名册和户籍信息；3. 3个工作日内出具。",
        "evidence": "本人身份证；户口簿",
        "template": "兹证明{name}系{community}村民，为本村集体经济组织成员。\n本证明仅用于：{purpose}。\n\n{committee}\n{date}\n证明编号：{serial}",
        "order": 20,
    },
    {
        "name": "经济困难情况证明（用于助学、医疗救助申请）",
        "legal_basis": "《社会救助暂行办法》第六十五条；各级学生资助政策",
        "purpose": "申请国家助学金、医疗救助等时说明家庭经济困难的实际情况",
        "procedure": "1. 提出申请并说明困难情况；2. 居（村）委会入户核实；3. 经民主评议或公示后，5个工作日内出具。",
        "evidence": "本人身份证；家庭成员收入情况说明；相关医疗费用票据（如有）",
        "template": "经核实，{name}家庭因病、因学等原因生活较为困难，情况属实。\n本证明仅用于：{purpose}。\n\n{committee}\n{date}\n证明编号：{serial}",
        "time_limit_days": 5,
        "order": 30,
    },
    {
        "name": "临时救助对象情况说明",
        "legal_basis": "《社会救助暂行办法》第四十七条至第五十条",
        "purpose": "申请临时救助时说明遭遇急难情况的经过",
        "procedure": "1. 提出申请；2. 居（村）委会了解核实情况；3. 3个工作日内出具情况说明。",
        "evidence": "本人身份证；急难情况的相关材料（照片、票据等）",
        "template": "{name}反映的急难情况，经{committee}了解核实，基本属实。\n本说明仅用于：{purpose}。\n\n{committee}\n{date}\n编号：{serial}",
        "order": 40,
    },
    {
        "name": "出租房屋情况证明",
        "legal_basis": "《商品房屋租赁管理办法》；本区流动人口服务管理规定",
        "purpose": "办理租赁登记备案时说明出租房屋位于本社区（村）及出租情况",
        "procedure": "1. 提出申请；2. 村（居）委会会同网格员核实；3. 3个工作日内出具。",
        "evidence": "出租人身份证；房屋租赁合同",
        "template": "兹证明{name}在{community}辖区内出租的房屋情况属实。\n本证明仅用于：{purpose}。\n\n{committee}\n{date}\n证明编号：{serial}",
        "order": 50,
    },
]


def _holder(role: str, **scope: Any) -> Any:
    grant = RoleGrant.objects.active().filter(role=role, **scope).order_by("pk").first()
    return grant.user if grant else None


def seed(*, admin: Any, communities: list[Any], ensure_user: Any) -> None:
    first = communities[0]
    district = first.street.parent
    if CertificateType.objects.filter(district=district).exists():
        return
    officer = _holder(Role.DISTRICT_OFFICER, region=district) or admin
    made = {}
    for fields in TYPES:
        data = {"time_limit_days": 3, **fields}
        made[data["name"]] = services.create_type(
            actor=officer, district=district, **data
        )
    committee = _holder(Role.COMMITTEE, community=first) or admin
    residence, hardship, rental = (
        made[TYPES[0]["name"]],
        made[TYPES[2]["name"]],
        made[TYPES[4]["name"]],
    )
    resident = ensure_user(f"resident@{DOMAIN}", "林小梅")

    def ask(kind: CertificateType, name: str, purpose: str) -> CertificateRequest:
        return services.request_certificate(
            actor=resident,
            community=first,
            certificate_type=kind,
            person_name=name,
            purpose=purpose,
        )

    issued = services.issue_certificate(
        actor=committee, request=ask(residence, "林小梅", "申领居住证")
    )
    text = issued.text.replace(issued.serial, DEMO_SERIAL)
    CertificateRequest.objects.filter(pk=issued.pk).update(
        serial=DEMO_SERIAL, text=text
    )
    services.refuse_certificate(
        actor=committee,
        request=ask(rental, "林小梅", "办理租赁备案"),
        reason="申请人名下房屋不在本社区辖区内，请向房屋所在社区申请。",
    )
    ask(hardship, "林小梅", "申请国家助学金")
    overdue = ask(residence, "林小梅", "子女入学")
    past = timezone.now() - datetime.timedelta(days=10)
    CertificateRequest.objects.filter(pk=overdue.pk).update(
        submitted_at=past, due_on=(past + datetime.timedelta(days=4)).date()
    )
