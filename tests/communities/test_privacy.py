"""Personal-data export and deletion for memberships and role grants."""

from __future__ import annotations

import pytest

from accounts import personal_data
from communities.models import Membership, Role, RoleGrant
from tests.factories import MembershipFactory, RoleGrantFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_memberships_and_grants():
    membership = MembershipFactory(rejection_reason="")
    RoleGrantFactory(user=membership.user, role=Role.COORDINATOR)
    data = personal_data.collectors()["communities"](membership.user)
    assert data["memberships"][0]["household"] == membership.household.label
    assert data["role_grants"][0]["role"] == Role.COORDINATOR


def test_deletion_removes_residency_and_ends_grants_but_keeps_them():
    membership = MembershipFactory()
    grant = RoleGrantFactory(user=membership.user, role=Role.COMMITTEE)
    anonymise = next(
        fn
        for fn in personal_data.anonymisers()
        if fn.__module__ == "communities.membership.privacy"
    )
    anonymise(membership.user)
    assert not Membership.objects.filter(user=membership.user).exists()
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
