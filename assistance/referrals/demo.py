"""The demo of service-type assistance (`seed_demo`, after the assistance demo):
阳光社会工作服务中心, registered by the street of 和平社区, with its lead social
worker (social-worker@, with TOTP) serving the street's communities; two
referrals of the confirmed cases of 和平社区 (psychological counselling completed
with the outcome achieved after two visits; employment support accepted and
waiting for its first visit); a purchased-service contract of the street for
this year; and an anonymous charity need posted from a case. Each step runs
through the services a person would use. Idempotent: nothing is added once the
organisation exists."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from assistance.cases.models import Case, State
from assistance.referrals import links, services
from assistance.referrals.models import (
    ContractItem,
    Qualification,
    Referral,
    Service,
    SocialWorkOrganisation,
)
from communities.models import Community, Role, RoleGrant

DOMAIN = "demo.gongzhi.cn"
CREDIT_CODE = "52110000MJ00000016"


def _holder(role: str, **scope: Any) -> Any:
    grant = RoleGrant.objects.active().filter(role=role, **scope).order_by("pk").first()
    return grant.user if grant else None


def _organisation(officer: Any, street: Any, ensure_user: Any) -> Any:
    org = services.register_organisation(
        actor=officer,
        region=street,
        areas=list(Community.objects.filter(street=street)),
        name="示范区阳光社会工作服务中心",
        credit_code=CREDIT_CODE,
        registration="民政局登记证书 示民社证字第0012号",
        contact_name="陈主任",
        contact_phone="010-87654321",
    )
    worker = ensure_user(f"social-worker@{DOMAIN}", "阳光社工 周晓", totp=True)
    return services.add_worker(
        actor=officer,
        organisation=org,
        email=worker.email,
        qualification=Qualification.SOCIAL_WORKER,
        certificate_number="SG2024110012",
        is_lead=True,
    )


def _referrals(cases: list[Case], worker: Any, coordinator: Any) -> None:
    org = worker.organisation
    done = services.refer(
        case=cases[0],
        actor=coordinator,
        service=Service.COUNSELLING,
        organisation=org,
        worker=worker,
        note="配偶重病后情绪低落，请做心理疏导。",
    )
    services.accept(referral=done, actor=worker.user)
    today = timezone.localdate()
    for days, text in (
        (0, "初次面谈，建立关系，评估情绪状况。"),
        (0, "第二次面谈，情绪明显好转。"),
    ):
        services.record_visit(
            referral=done, actor=worker.user, visited_on=today - datetime.timedelta(days=days),
            minutes=60, notes=text)  # fmt: skip
    services.complete(
        referral=done, actor=worker.user, outcome=Referral.Outcome.ACHIEVED,
        summary="两次面谈后情绪稳定，已链接社区互助小组。")  # fmt: skip
    waiting = services.refer(
        case=cases[-1], actor=coordinator, service=Service.EMPLOYMENT,
        organisation=org, worker=worker, note="希望找到就近的灵活就业岗位。")  # fmt: skip
    services.accept(referral=waiting, actor=worker.user)


def seed(*, admin: Any, communities: list[Community], ensure_user: Any) -> None:
    if SocialWorkOrganisation.objects.filter(credit_code=CREDIT_CODE).exists():
        return
    community = communities[0]
    street = community.street
    officer = _holder(Role.AID_OFFICER, region=street)
    coordinator = _holder(Role.AID_COORDINATOR, community=community)
    cases = list(
        Case.objects.filter(community=community, state=State.CONFIRMED).order_by("pk")
    )
    if officer is None or coordinator is None or not cases:
        return  # the assistance demo did not run
    worker = _organisation(officer, street, ensure_user)
    _referrals(cases, worker, coordinator)
    year = timezone.localdate().year
    services.add_contract(
        actor=officer, region=street, organisation=worker.organisation,
        title=f"{street.name}{year}年度社会救助服务类项目",
        starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31),
        budget=Decimal("200000.00"),
        items={(Service.COUNSELLING, ContractItem.Unit.CASES): 10,
               (Service.COUNSELLING, ContractItem.Unit.VISITS): 40,
               (Service.EMPLOYMENT, ContractItem.Unit.CASES): 5})  # fmt: skip
    links.post_charity_need(
        case=cases[0], actor=coordinator, item="冬季棉被", quantity=2, unit="床",
        needed_by=timezone.localdate() + datetime.timedelta(days=14),
        description="为社区一户困难家庭过冬准备。")  # fmt: skip
