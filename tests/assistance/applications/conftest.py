"""Fixtures of the application tests: a community, a verified resident with a
household of two, and the full POST of a complete application page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assistance.applications import services
from communities.models import Membership
from tests.factories import CommunityFactory, MembershipFactory
from tests.uploads.samples import PDF


def pdf(name="doc.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


def page_data(**overrides):
    """A complete application page (members, income, property; no files)."""
    data = {
        "kind": "dibao",
        "temporary_cause": "",
        "applicant_name": "张三明",
        "applicant_phone": "13800138000",
        "reason": "失业，收入不足以维持基本生活。",
        "bank_account": "6222020200112233445",
        "relative_registered": "",
        "relative_note": "",
        "commitment_accepted": "on",
        "commitment_name": "张三明",
        **management("members", 3),
        "members-0-name": "张三明",
        "members-0-relationship": "self",
        "members-0-birth_year": "1970",
        "members-1-name": "李四",
        "members-1-relationship": "spouse",
        "members-1-birth_year": "1972",
        **management("incomes", 2),
        "incomes-0-member": "1",
        "incomes-0-kind": "wages",
        "incomes-0-monthly_amount": "800.00",
        **management("properties", 2),
        "properties-0-kind": "housing",
        "properties-0-description": "自住房一套",
        "properties-0-value": "200000",
        **management("expenses", 2),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def with_documents(data):
    return {
        **data,
        "id_card": pdf("id.pdf"),
        "hukou": pdf("hukou.pdf"),
        "authorisation": pdf("auth.pdf"),
    }


@pytest.fixture
def community(db):
    return CommunityFactory()


@pytest.fixture
def resident(community):
    membership = MembershipFactory(
        community=community,
        household__community=community,
        status=Membership.Status.VERIFIED,
        user__real_name="张三明",
        user__phone="13800138000",
    )
    MembershipFactory(
        community=community,
        household=membership.household,
        status=Membership.Status.VERIFIED,
        user__real_name="李四",
    )
    return membership.user


@pytest.fixture
def draft(resident, community):
    return services.start_application(user=resident, community=community, kind="dibao")
