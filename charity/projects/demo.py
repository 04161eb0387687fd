"""Demo data for charity projects: organisations, projects in every status,
donations, spending with receipts and reports (one overdue).

Called by `seed_demo` through charity's registered seeder (charity/registration.py). Idempotent: nothing is added once the demo
organisation exists. Writes go through the services (as the platform admin or
the demo charity manager); dates are then moved into the past where a story
needs them (a project that started months ago, a report filed on time).
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from charity.donations import services as donation_services
from charity.models import (
    Donation,
    Expenditure,
    Organisation,
    Project,
    Report,
    credit_code_check_character,
)
from charity.organisations import services as organisation_services
from charity.projects import services as project_services
from charity.reports import services as report_services
from communities.demo import BLANK_PDF
from communities.models import Community

DOMAIN = "demo.gongzhi.cn"


def credit_code(first17: str) -> str:
    return first17 + credit_code_check_character(first17)


def receipt_png(text: str) -> ContentFile:
    """A small, valid PNG receipt made in memory."""
    image = Image.new("RGB", (240, 120), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, 235, 115), outline=(200, 30, 30), width=3)
    draw.text((16, 50), text, fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return ContentFile(out.getvalue(), name="receipt.png")


def receipt_pdf() -> ContentFile:
    return ContentFile(BLANK_PDF, name="receipt.pdf")


def _months_ago(months: int) -> datetime.date:
    return timezone.localdate() - relativedelta(months=months)


def _project(admin: Any, organisation: Organisation, **fields: Any) -> Project:
    today = timezone.localdate()
    data = {
        "purpose": "",
        "beneficiaries": "",
        "area": organisation.community.name,
        "paired_region": "",
        "goal_amount": Decimal("50000.00"),
        "responsible_person": "李秀英",
        "receiving_account": "中国银行 6217 8500 0001 2345 678",
        "use_plan": "按季度公开使用明细，专款专用。",
        "leftover_plan": "结余资金转入本社区同类慈善项目，并公开说明。",
        "is_public_fundraising": True,
        "filing_number": "",
        "filed_on": None,
        **fields,
    }
    if data["filing_number"] and data["filed_on"] is None:
        data["filed_on"] = today - datetime.timedelta(days=400)
    return project_services.save_project(actor=admin, organisation=organisation, **data)


def _go_public(admin: Any, project: Project, published_on: datetime.date) -> Project:
    project = project_services.publish_project(actor=admin, project=project)
    Project.objects.filter(pk=project.pk).update(published_on=published_on)
    project.refresh_from_db()
    return project


def _spend(admin, project, days_ago, amount, purpose, payee, receipt) -> Expenditure:
    return report_services.record_expenditure(
        actor=admin,
        project=project,
        spent_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        amount=Decimal(amount),
        purpose=purpose,
        payee=payee,
        receipt=receipt,
    )


def _backdate(report: Report, day: datetime.date) -> None:
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Report.objects.filter(pk=report.pk).update(filed_at=when)


def seed(*, admin: Any, communities: list[Community], ensure_user) -> bool:
    """Seed the projects' story in the first community; False if it is there."""
    community = communities[0]
    code = credit_code("53110100MJ0000001")
    if Organisation.objects.filter(credit_code=code).exists():
        return False
    manager = ensure_user(f"charity@{DOMAIN}", "慈善项目经理")
    resident = ensure_user(f"resident@{DOMAIN}", "林小梅")
    today = timezone.localdate()

    # Two organisations: one qualified, one whose qualification lapsed.
    charity_org = organisation_services.save_organisation(
        actor=admin,
        community=community,
        managers=[manager],
        name=f"{community.name}慈善会",
        kind=Organisation.Kind.CHARITY,
        credit_code=code,
        qualification_number="民慈公募〔2024〕018号",
        qualification_valid_from=today - datetime.timedelta(days=700),
        qualification_valid_to=today + datetime.timedelta(days=400),
        contact_person="李秀英",
        contact_phone="010-6512 3456",
        address=f"{community.name}党群服务中心二楼",
    )
    lapsed_org = organisation_services.save_organisation(
        actor=admin,
        community=community,
        managers=[manager],
        name="邻里互助促进会",
        kind=Organisation.Kind.SOCIAL,
        credit_code=credit_code("52110100MJ0000002"),
        qualification_number="民慈公募〔2021〕007号",
        qualification_valid_from=today - datetime.timedelta(days=1500),
        qualification_valid_to=today - datetime.timedelta(days=60),
        contact_person="赵志强",
        contact_phone="010-6512 7788",
    )

    # A draft (the lapsed organisation cannot take it public).
    _project(
        admin,
        lapsed_org,
        title="邻里互助图书角",
        purpose="在小区活动室设立共享图书角。",
        beneficiaries="社区全体居民，特别是儿童和老人",
        starts_on=today + datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=120),
        goal_amount=Decimal("8000.00"),
    )
    # A public project running a year, started seven months ago: its first
    # progress report was filed on time, the second is overdue.
    school = _project(
        admin,
        charity_org,
        title="困难家庭学生助学金",
        purpose="资助社区困难家庭中小学生的学习用品和交通费用。",
        beneficiaries="本社区低保及低收入家庭的在校学生",
        starts_on=_months_ago(7),
        ends_on=_months_ago(7) + datetime.timedelta(days=365),
        goal_amount=Decimal("60000.00"),
        filing_number="53110100MJ0000001A-2025-031",
    )
    school = _go_public(admin, school, school.starts_on)
    # A paired-assistance project (对口支援).
    winter = _project(
        admin,
        charity_org,
        title="对口支援武山县冬衣募集",
        purpose="为对口支援地区的学校募集冬衣和取暖物资。",
        beneficiaries="甘肃省武山县山区小学的学生",
        area="甘肃省武山县",
        paired_region="甘肃省武山县",
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today + datetime.timedelta(days=70),
        goal_amount=Decimal("30000.00"),
        filing_number="53110100MJ0000001A-2025-044",
    )
    winter = _go_public(admin, winter, winter.starts_on)
    # A closed project with its final report.
    lift = _project(
        admin,
        charity_org,
        title="老旧小区加装电梯助老金",
        purpose="资助高龄老人家庭分摊加装电梯费用。",
        beneficiaries="三号楼和五号楼的高龄老人",
        starts_on=_months_ago(5),
        ends_on=today - datetime.timedelta(days=30),
        goal_amount=Decimal("20000.00"),
        filing_number="53110100MJ0000001A-2025-012",
    )
    lift = _go_public(admin, lift, lift.starts_on)

    # Donations: confirmed money (named and anonymous), goods, a pending pledge.
    donation_services.record_offline_donation(
        actor=admin,
        project=school,
        kind=Donation.Kind.MONEY,
        donor_name="王建国",
        show_name=True,
        amount=Decimal("5000.00"),
    )
    donation_services.record_offline_donation(
        actor=admin,
        project=school,
        kind=Donation.Kind.MONEY,
        donor_name="某企业",
        amount=Decimal("12000.00"),
    )
    donation_services.record_offline_donation(
        actor=admin,
        project=school,
        kind=Donation.Kind.GOODS,
        donor_name="文具店",
        item="书包",
        quantity=50,
        estimated_value=Decimal("3000.00"),
    )
    online = donation_services.pledge(
        user=resident, project=school, amount=Decimal("200.00"), donor_name="林小梅"
    )
    donation_services.confirm_pledge(actor=admin, donation=online)
    donation_services.pledge(user=resident, project=winter, amount=Decimal("300.00"))
    donation_services.record_offline_donation(
        actor=admin,
        project=winter,
        kind=Donation.Kind.GOODS,
        item="羽绒服",
        quantity=80,
        estimated_value=Decimal("16000.00"),
    )
    donation_services.record_offline_donation(
        actor=admin,
        project=winter,
        kind=Donation.Kind.MONEY,
        amount=Decimal("6800.00"),
    )
    donation_services.record_offline_donation(
        actor=admin,
        project=lift,
        kind=Donation.Kind.MONEY,
        donor_name="陈秀兰",
        show_name=True,
        amount=Decimal("20000.00"),
    )

    lift = project_services.close_project(actor=admin, project=lift)

    # Spending with receipts (a PNG and a PDF made in memory).
    _spend(
        admin,
        school,
        150,
        "4800.00",
        "第一学期学习用品",
        "幸福文具有限公司",
        receipt_png("RECEIPT 4800.00"),
    )
    _spend(
        admin, school, 60, "3600.00", "学生交通补贴", "市公共交通集团", receipt_pdf()
    )
    _spend(
        admin,
        lift,
        40,
        "18500.00",
        "电梯加装分摊款",
        "城建电梯工程有限公司",
        receipt_pdf(),
    )
    _spend(
        admin,
        winter,
        5,
        "2400.00",
        "物资运输费",
        "顺达物流有限公司",
        receipt_png("RECEIPT 2400.00"),
    )

    # Reports: the school's first progress report on time (the second is overdue);
    # the lift's final report.
    first = report_services.file_report(
        actor=admin,
        project=school,
        due="progress-1",
        title="助学金第一季度进展",
        text="本季度资助学生 18 名，发放学习用品 50 套，明细见账目。",
    )
    _backdate(first, school.starts_on + datetime.timedelta(days=88))
    final = report_services.file_report(
        actor=admin,
        project=lift,
        due="final-0",
        title="加装电梯助老金结项报告",
        text="共资助 12 户高龄老人家庭，结余 1500 元按计划转入助老餐桌项目。",
    )
    _backdate(final, today - datetime.timedelta(days=10))
    return True
