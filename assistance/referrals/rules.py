"""Who may do what with social-work organisations, referrals and purchased-service
contracts. docs/permissions.md ("Service referrals") has the two tables, tested
cell by cell in tests/assistance/referrals/test_permission_tables.py.

- Organisations, workers and contracts are registered by the street assistance
  officers (for their street) and the district supervisors; an organisation's
  lead worker adds the organisation's workers too.
- A case is referred by the coordinators of its community and its street's
  officers. Social workers hold no role: a worker acts on the referrals
  assigned to them (with two-factor authentication, like all staff who read
  case data), the organisation's lead assigns unassigned ones, and staff read a
  referral as they read its case.
"""

from __future__ import annotations

from typing import Any

import rules

from accounts.mfa import has_totp
from assistance.cases.models import State
from assistance.cases.rules import (
    in_state,
    is_case_coordinator,
    is_case_officer,
    is_case_staff,
)
from assistance.referrals.models import (
    Referral,
    ServiceContract,
    SocialWorker,
    SocialWorkOrganisation,
)
from communities.models import Region
from communities.roles.rules import is_aid_officer_for, is_aid_supervisor_for


def _organisation(obj: Any) -> SocialWorkOrganisation | None:
    if isinstance(obj, SocialWorkOrganisation):
        return obj
    if isinstance(obj, (Referral, ServiceContract, SocialWorker)):
        return obj.organisation
    return None


def _referral(obj: Any) -> Referral | None:
    return obj if isinstance(obj, Referral) else None


@rules.predicate
def is_region(user: Any, obj: Any) -> bool:
    return isinstance(obj, Region)


@rules.predicate
def registers_organisation(user: Any, obj: Any) -> bool:
    """A district supervisor of the organisation's district, or an officer of
    the street that registered it."""
    org = _organisation(obj)
    if org is None:
        return False
    if is_aid_supervisor_for(user, org.district):
        return True
    return org.street is not None and is_aid_officer_for(user, org.street)


def _posts(user: Any) -> list[SocialWorker]:
    """The person's active social-work posts (read once per request)."""
    if not getattr(user, "is_authenticated", False) or not has_totp(user):
        return []
    cached = getattr(user, "_gz_social_work_posts", None)
    if cached is None:
        cached = list(SocialWorker.objects.filter(user=user, is_active=True))
        user._gz_social_work_posts = cached
    return cached


@rules.predicate
def is_lead_worker(user: Any, obj: Any) -> bool:
    org = _organisation(obj)
    return org is not None and any(
        post.is_lead and post.organisation_id == org.pk for post in _posts(user)
    )


@rules.predicate
def is_assigned_worker(user: Any, obj: Any) -> bool:
    referral = _referral(obj)
    return (
        referral is not None
        and referral.worker_id is not None
        and any(post.pk == referral.worker_id for post in _posts(user))
    )


def referral_in(*statuses: str):
    @rules.predicate(name="referral_in_" + "_".join(statuses))
    def predicate(user: Any, obj: Any) -> bool:
        referral = _referral(obj)
        return referral is not None and referral.status in statuses

    return predicate


@rules.predicate
def unassigned(user: Any, obj: Any) -> bool:
    referral = _referral(obj)
    return referral is not None and referral.worker_id is None


@rules.predicate
def reads_its_case(user: Any, obj: Any) -> bool:
    referral = _referral(obj)
    return (
        referral is not None
        and referral.case.state != State.DRAFT
        and is_case_staff(user, referral.case)
    )


region_staff = is_region & (is_aid_officer_for | is_aid_supervisor_for)
S = Referral.Status

rules.add_perm("assistance.register_organisation", region_staff)
rules.add_perm("assistance.manage_contracts", region_staff)
rules.add_perm("assistance.edit_organisation", registers_organisation)
rules.add_perm("assistance.add_social_worker", registers_organisation | is_lead_worker)
rules.add_perm(
    "assistance.refer_case",
    ~in_state(State.DRAFT, State.WITHDRAWN) & (is_case_coordinator | is_case_officer),
)
rules.add_perm(
    "assistance.view_referral",
    reads_its_case | is_assigned_worker | (is_lead_worker & unassigned),
)
rules.add_perm(
    "assistance.assign_referral",
    referral_in(S.REFERRED) & unassigned & is_lead_worker,
)
rules.add_perm(
    "assistance.accept_referral", referral_in(S.REFERRED) & is_assigned_worker
)
rules.add_perm(
    "assistance.record_referral_visit",
    referral_in(S.ACCEPTED, S.IN_PROGRESS) & is_assigned_worker,
)
rules.add_perm(
    "assistance.complete_referral", referral_in(S.IN_PROGRESS) & is_assigned_worker
)
