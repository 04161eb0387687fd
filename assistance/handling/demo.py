"""The social-assistance demo (`seed_demo`): standards for 示范区 (with a change
in July), an assistance coordinator per community, an assistance officer per
street or town, a district supervisor, and cases of 和平社区 in every state,
each taken step by step through the services a person would use:

- 林小梅 (resident@): 低保 in 公示 now;
- a 低保 confirmed after its 公示, with the amount and its calculation;
- a 临时救助 (支出型, medical) confirmed within the limit;
- a refusal with written reasons (income above the standard);
- a case of a committee member's relative (近亲属备案), reviewed, waiting for
  the district's home visit;
- an overdue case (accepted 30 working days ago, visit not finished);
- a case waiting for missing items, a submitted one, and a draft.

Dates the services set to "today" are moved back afterwards where a story needs
the past (an ended 公示, an old acceptance). Idempotent: nothing is added once the
demo standards exist.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from assistance.applications import services as applying
from assistance.cases.deadlines import decision_due
from assistance.cases.models import Case, Kind, TemporaryCause
from assistance.decisions import services as deciding
from assistance.handling import services as desk
from assistance.investigation import services as investigating
from assistance.publicity import services as publishing
from assistance.publicity.models import Publicity
from assistance.standards.models import Area, Standard
from assistance.standards.selectors import settings_for
from assistance.standards.workdays import Calendar
from communities.demo import BLANK_PDF
from communities.models import Community, Membership, Role, RoleGrant
from communities.roles.services import grant_role

DOMAIN = "demo.gongzhi.cn"
DEMO_NOTE = "示范区民政局 示民发〔2026〕12号"
STANDARDS = (
    (Area.URBAN, Decimal("1150.00"), datetime.date(2025, 7, 1), "示民发〔2025〕9号"),
    (Area.URBAN, Decimal("1200.00"), datetime.date(2026, 7, 1), DEMO_NOTE),
    (Area.RURAL, Decimal("950.00"), datetime.date(2025, 7, 1), "示民发〔2025〕9号"),
    (Area.RURAL, Decimal("1000.00"), datetime.date(2026, 7, 1), DEMO_NOTE),
)


def _grant(admin: Any, user: Any, role: str, **scope: Any) -> None:
    if not RoleGrant.objects.active().filter(user=user, role=role, **scope).exists():
        grant_role(
            actor=admin,
            user=user,
            role=role,
            starts_on=timezone.localdate() - datetime.timedelta(days=400),
            **scope,
        )


def seed_staff(admin: Any, communities: list[Community], ensure_user: Any) -> dict:
    """The assistance staff accounts (all with TOTP); returns the first ones."""
    staff: dict[str, Any] = {}
    for index, community in enumerate(communities):
        local = "aid" if index == 0 else f"aid-{community.slug}"
        user = ensure_user(
            f"{local}@{DOMAIN}", f"{community.name}救助协理员", totp=True
        )
        _grant(admin, user, Role.AID_COORDINATOR, community=community)
        staff.setdefault("coordinator", user)
    streets = {c.street_id: c.street for c in communities}
    for index, street in enumerate(streets.values()):
        local = "aid-street" if index == 0 else f"aid-street-{street.slug}"
        user = ensure_user(f"{local}@{DOMAIN}", f"{street.name}救助经办", totp=True)
        _grant(admin, user, Role.AID_OFFICER, region=street)
        staff.setdefault("officer", user)
    district = communities[0].street.parent
    supervisor = ensure_user(f"aid-district@{DOMAIN}", "区民政救助督导", totp=True)
    _grant(admin, supervisor, Role.AID_SUPERVISOR, region=district)
    staff["supervisor"] = supervisor
    return staff


def seed_standards(admin: Any, district: Any) -> None:
    policy = settings_for(district)
    for area, amount, starts, note in STANDARDS:
        Standard.objects.get_or_create(
            district=district,
            area=area,
            effective_from=starts,
            defaults={
                "monthly_amount": amount,
                "special_hardship_ratio": policy.special_hardship_ratio,
                "low_income_ratio": policy.low_income_ratio,
                "note": note,
                "recorded_by": admin,
            },
        )


def _documents() -> dict[str, Any]:
    return {
        kind: ContentFile(BLANK_PDF, name=f"{kind}.pdf")
        for kind in ("id_card", "hukou", "authorisation")
    }


def _apply(user: Any, community: Community, kind: str, story: dict) -> Case:
    """A resident's application, filled in and submitted (or left as a draft)."""
    cause = story.get("cause", "")
    case = applying.start_application(
        user=user, community=community, kind=kind, temporary_cause=cause
    )
    members = [{"position": 1, "name": case.applicant_name, "relationship": "self",
                "birth_year": 1958}]  # fmt: skip
    for position, (name, relationship) in enumerate(story.get("family", []), start=2):
        members.append(
            {"position": position, "name": name, "relationship": relationship}
        )
    data = applying.ApplicationData(
        fields={
            "reason": story["reason"],
            "applicant_phone": story["phone"],
            "bank_account": "6217000010001234567",
            "commitment_accepted": True,
            "commitment_name": case.applicant_name,
            "relative_registered": bool(story.get("relative")),
            "relative_note": story.get("relative", ""),
        },
        members=members,
        incomes=[{"member": 1, "kind": "transfer", "monthly_amount": story["income"]}],
        expenses=[
            {"kind": "medical", "description": "住院治疗自付部分", "amount": amount}
            for amount in story.get("expenses", [])
        ],
        uploads=_documents(),
    )
    if story.get("draft"):
        return applying.save_application(case=case, actor=user, data=data)
    return applying.submit_application(case=case, actor=user, data=data)


def _investigate(case: Case, staff: dict, *, review: bool = True) -> Case:
    coordinator, officer = staff["coordinator"], staff["officer"]
    desk.accept_case(case=case, actor=officer)
    today = timezone.localdate()
    visit = investigating.record_visit(
        case=case,
        actor=coordinator,
        second=officer,
        visited_on=today,
        findings="入户核实：家庭成员与申报一致，居住条件简陋，无机动车。",
    )
    investigating.sign_visit(visit=visit, actor=officer)
    investigating.record_check(
        case=case,
        actor=officer,
        reference=f"HD{today:%Y%m%d}{case.pk:04d}",
        result="within",
        checked_on=today,
        summary="家庭经济状况核对结果：收入、财产在认定范围内。",
    )
    if review:
        investigating.record_review(
            case=case,
            actor=officer,
            recommends_approval=True,
            opinion="经入户调查和经济状况核对，符合条件，建议纳入。",
        )
    case.refresh_from_db()
    return case


def _backdate(case: Case, working_days: int) -> None:
    """Move the acceptance back (the demo's past), with its deadline."""
    calendar = Calendar(case.community.street.parent_id)
    accepted = timezone.localdate()
    for _step in range(working_days):
        accepted -= datetime.timedelta(days=1)
        while not calendar.is_workday(accepted):
            accepted -= datetime.timedelta(days=1)
    Case.objects.filter(pk=case.pk).update(
        accepted_on=accepted, decision_due=decision_due(case, accepted)
    )


def _publish(
    case: Case, staff: dict, *, ended: bool, amount: Decimal | None = None
) -> Publicity:
    month = timezone.localdate().replace(day=1)
    notice = publishing.start_publicity(
        case=case, actor=staff["officer"], start_month=month, amount=amount
    )
    if ended:
        today = timezone.localdate()
        Publicity.objects.filter(pk=notice.pk).update(
            starts_on=today - datetime.timedelta(days=12),
            ends_on=today - datetime.timedelta(days=6),
        )
    return notice


def _applicants(community: Community) -> list[Any]:
    members = (
        Membership.objects.verified()
        .filter(community=community, user__email__startswith="resident")
        .select_related("user")
        .order_by("pk")
    )
    return [m.user for m in members]


def seed_cases(community: Community, staff: dict, ensure_user: Any) -> None:
    people = {u.email.split("@")[0]: u for u in _applicants(community)}
    lin = ensure_user(f"resident@{DOMAIN}", "林小梅")
    others = [u for key, u in sorted(people.items()) if key != "resident"]
    month = timezone.localdate().replace(day=1)
    officer = staff["officer"]

    case = _apply(lin, community, Kind.MINIMUM_LIVING, {
        "reason": "丈夫去世后独自抚养孙子，仅有少量养老金。", "phone": "13800138001",
        "income": Decimal("600.00"), "family": [("林小宝", "grandchild")]})  # fmt: skip
    _publish(_investigate(case, staff), staff, ended=False)

    case = _apply(others[0], community, Kind.MINIMUM_LIVING, {
        "reason": "本人重病失去劳动能力。", "phone": "13800138002",
        "income": Decimal("900.00"), "family": [("配偶", "spouse")]})  # fmt: skip
    _publish(_investigate(case, staff), staff, ended=True)
    deciding.confirm_case(case=case, actor=officer, start_month=month)

    case = _apply(others[1], community, Kind.TEMPORARY, {
        "cause": TemporaryCause.EXPENSE, "reason": "突发重病住院，医疗费用支出大。",
        "phone": "13800138003", "income": Decimal("2000.00"),
        "expenses": [Decimal("18000.00")]})  # fmt: skip
    _publish(_investigate(case, staff), staff, ended=True, amount=Decimal("3000.00"))
    deciding.confirm_case(
        case=case, actor=officer, start_month=month, amount=Decimal("3000.00")
    )

    case = _apply(others[2], community, Kind.MINIMUM_LIVING, {
        "reason": "收入不稳定。", "phone": "13800138004",
        "income": Decimal("4200.00")})  # fmt: skip
    _investigate(case, staff, review=False)
    investigating.record_review(
        case=case, actor=officer, recommends_approval=False,
        opinion="核对显示家庭月收入高于低保标准。")  # fmt: skip
    deciding.refuse_case(
        case=case, actor=officer, category="income",
        reasons="经家庭经济状况核对，家庭人均月收入 4,200 元，高于本区城市低保标准 1,200 元。")  # fmt: skip

    case = _apply(others[3], community, Kind.MINIMUM_LIVING, {
        "reason": "年老体弱，无固定收入。", "phone": "13800138005",
        "income": Decimal("300.00"),
        "relative": "社区居委会委员的父亲"})  # fmt: skip
    _investigate(case, staff)

    case = _apply(others[4], community, Kind.SPECIAL_HARDSHIP, {
        "reason": "无劳动能力、无生活来源、无法定赡养人。", "phone": "13800138006",
        "income": Decimal("0.00")})  # fmt: skip
    desk.accept_case(case=case, actor=officer)
    _backdate(case, 30)

    case = _apply(others[5], community, Kind.LOW_INCOME, {
        "reason": "家庭收入低，申请低收入家庭认定。", "phone": "13800138007",
        "income": Decimal("1500.00")})  # fmt: skip
    desk.request_missing_items(
        case=case, actor=staff["coordinator"], standard=["income"],
        free_lines=["近三个月银行流水"], note="请一次性补齐以下材料后重新提交。")  # fmt: skip

    _apply(others[6], community, Kind.MINIMUM_LIVING, {
        "reason": "失业后无收入。", "phone": "13800138008",
        "income": Decimal("0.00")})  # fmt: skip
    _apply(others[7], community, Kind.TEMPORARY, {
        "cause": TemporaryCause.EMERGENCY, "reason": "家中失火。", "phone": "13800138009",
        "income": Decimal("1000.00"), "draft": True})  # fmt: skip


def seed(*, admin: Any, communities: list[Community], ensure_user: Any) -> None:
    district = communities[0].street.parent
    if Standard.objects.filter(district=district, note=DEMO_NOTE).exists():
        return
    staff = seed_staff(admin, communities, ensure_user)
    seed_standards(admin, district)
    seed_cases(communities[0], staff, ensure_user)
