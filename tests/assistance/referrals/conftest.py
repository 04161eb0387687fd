"""Fixtures of the service-referral tests, on top of tests/assistance/conftest.py:

- `org`: a social-work organisation registered by `officer` for `street`,
  serving `community`.
- `worker`: its lead social worker (an account with TOTP).
- `other_worker`: a second, non-lead worker of the same organisation.
- `recipient`: a confirmed case of `household` (the applicant's name 张三明,
  phone 13800138000).
- `referral`: `recipient` referred by `coordinator` to `worker` for counselling.
"""

from __future__ import annotations

import pytest

from assistance.referrals import services
from assistance.referrals.models import Qualification, Service
from tests.factories import UserFactory
from tests.support.actors import give_totp

CREDIT_CODE = "52110000MJ00000016"


@pytest.fixture
def org(officer, street, community):
    return services.register_organisation(
        actor=officer,
        region=street,
        areas=[community],
        name="阳光社工",
        credit_code=CREDIT_CODE,
        registration="民社证字第1号",
        contact_name="陈主任",
        contact_phone="010-1234567",
    )


def _worker(org, actor, *, lead=False):
    person = give_totp(UserFactory())
    return services.add_worker(
        actor=actor,
        organisation=org,
        email=person.email,
        qualification=Qualification.SOCIAL_WORKER,
        certificate_number="SG001",
        is_lead=lead,
    )


@pytest.fixture
def worker(org, officer):
    return _worker(org, officer, lead=True)


@pytest.fixture
def other_worker(org, officer):
    return _worker(org, officer)


@pytest.fixture
def recipient(make_case):
    return make_case(
        "confirmed", applicant_name="张三明", applicant_phone="13800138000"
    )


@pytest.fixture
def referral(recipient, coordinator, org, worker):
    return services.refer(
        case=recipient,
        actor=coordinator,
        service=Service.COUNSELLING,
        organisation=org,
        worker=worker,
        note="情绪低落，请做心理疏导。",
    )
