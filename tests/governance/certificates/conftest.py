"""Fixtures of the certificate tests:

- `district`, `street`, `community`: the community's district keeps the list.
- `district_officer`, `committee`, `resident` (verified, with a real name).
- `cert_type`: 居住证明, allowed by the district (3 working days).
- `make_request`: a request of `resident` for `cert_type`.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from communities.models import Membership, Role
from governance.certificates import services
from tests.factories import MembershipFactory
from tests.support.actors import grant_role

TEMPLATE = (
    "兹证明{name}居住在{community}。用于：{purpose}。{committee} {date} 编号{serial}"
)


@pytest.fixture(autouse=True)
def _fresh_verify_counter():
    """Redis keeps the per-address look-up counter between tests."""
    cache.delete("governance:certificate-verify:127.0.0.1")


@pytest.fixture
def district(community):
    return community.street.parent


@pytest.fixture
def district_officer(district):
    return grant_role(Role.DISTRICT_OFFICER, region=district)


@pytest.fixture
def committee(community):
    return grant_role(Role.COMMITTEE, community=community)


@pytest.fixture
def resident(community):
    user = MembershipFactory(
        community=community,
        household__community=community,
        status=Membership.Status.VERIFIED,
    ).user
    user.real_name = "张三明"
    user.save(update_fields=["real_name"])
    return user


def type_fields(**overrides):
    return {
        "name": "居住证明",
        "legal_basis": "《居住证暂行条例》",
        "purpose": "申领居住证",
        "procedure": "申请、核实、出具",
        "evidence": "身份证、租房合同",
        "template": TEMPLATE,
        "time_limit_days": 3,
        "order": 1,
        **overrides,
    }


@pytest.fixture
def cert_type(district, district_officer):
    return services.create_type(
        actor=district_officer, district=district, **type_fields()
    )


@pytest.fixture
def make_request(community, resident, cert_type):
    def make(**overrides):
        data = {
            "actor": resident,
            "community": community,
            "certificate_type": cert_type,
            "person_name": "张三明",
            "purpose": "申领居住证",
            **overrides,
        }
        return services.request_certificate(**data)

    return make
