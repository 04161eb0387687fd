"""A street's or district's registers are paginated (issue 16): its social-work
organisations and its purchased-service contracts, one page at a time, in the same
queries at every size."""

from __future__ import annotations

import pytest
from django.utils import timezone

from assistance.referrals import services
from tests.charity.factories import credit_code
from tests.support.pagination import assert_paginated

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_the_organisations_are_paginated(
    client, monkeypatch, officer, street, community
):
    client.force_login(officer)
    made = []

    def add(n):
        for _ in range(n):
            made.append(1)
            services.register_organisation(
                actor=officer,
                region=street,
                areas=[community],
                name=f"社工{len(made)}",
                credit_code=credit_code(len(made)),
                registration="民社证字第1号",
                contact_name="陈主任",
                contact_phone="010-1234567",
            )

    url = f"/regions/{street.slug}/assistance/organisations/"
    assert_paginated(client, monkeypatch, url, add, key="rows")


def test_the_contracts_are_paginated(client, monkeypatch, officer, street, org):
    client.force_login(officer)

    def add(n):
        for i in range(n):
            services.add_contract(
                actor=officer,
                region=street,
                organisation=org,
                title=f"合同{i}",
                starts_on=TODAY.replace(month=1, day=1),
                ends_on=TODAY.replace(month=12, day=31),
                budget=1,
                items={("care", "cases"): 4},
            )

    url = f"/regions/{street.slug}/assistance/contracts/"
    assert_paginated(client, monkeypatch, url, add, key="contracts")
