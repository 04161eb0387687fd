"""Who may do what with certificates (出具证明). docs/permissions.md
("Certificates issued by the committee") has the two tables, tested cell by cell
in tests/governance/certificates/test_permission_tables.py.

- A district's allowed list is kept by its district officers (and platform
  admins); the register of a street or district is read by its officers.
- A verified resident requests a certificate of their community; the committee
  (with TOTP) works the queue, reads the evidence and issues or refuses a
  submitted request; the supervision committee and the officers above read the
  community's register. The applicant sees and prints their own.
"""

from __future__ import annotations

from typing import Any

import rules

from communities.models import Community, Region
from communities.rules import (
    is_committee_member,
    is_district_officer_for,
    is_officer_above,
    is_platform_admin,
    is_street_officer_for,
    is_supervision_member,
    is_verified_resident,
)
from governance.certificates.models import CertificateRequest

S = CertificateRequest.Status


@rules.predicate
def is_district(user: Any, obj: Any) -> bool:
    return isinstance(obj, Region) and obj.is_district


@rules.predicate
def is_any_region(user: Any, obj: Any) -> bool:
    return isinstance(obj, Region)


@rules.predicate
def is_community(user: Any, obj: Any) -> bool:
    return isinstance(obj, Community)


@rules.predicate
def is_certificate_request(user: Any, obj: Any) -> bool:
    return isinstance(obj, CertificateRequest)


@rules.predicate
def is_applicant(user: Any, obj: Any) -> bool:
    return (
        isinstance(obj, CertificateRequest)
        and getattr(user, "is_authenticated", False)
        and obj.applicant_id == user.pk
    )


def request_in(*statuses: str):
    @rules.predicate(name="certificate_request_in_" + "_".join(statuses))
    def predicate(user: Any, obj: Any) -> bool:
        return isinstance(obj, CertificateRequest) and obj.status in statuses

    return predicate


committee = is_committee_member

rules.add_perm(
    "governance.manage_certificate_types",
    is_district & (is_district_officer_for | is_platform_admin),
)
rules.add_perm(
    "governance.view_region_certificates",
    is_any_region
    & (is_street_officer_for | is_district_officer_for | is_platform_admin),
)
rules.add_perm("governance.request_certificate", is_community & is_verified_resident)
rules.add_perm("governance.handle_certificates", is_community & committee)
rules.add_perm(
    "governance.view_certificate_register",
    is_community & (committee | is_supervision_member | is_officer_above),
)
rules.add_perm(
    "governance.view_certificate_request",
    is_certificate_request & (is_applicant | committee),
)
rules.add_perm(
    "governance.view_certificate_evidence", is_certificate_request & committee
)
rules.add_perm(
    "governance.issue_certificate",
    is_certificate_request & request_in(S.SUBMITTED) & committee,
)
rules.add_perm(
    "governance.refuse_certificate",
    is_certificate_request & request_in(S.SUBMITTED) & committee,
)
rules.add_perm(
    "governance.print_certificate",
    is_certificate_request & request_in(S.ISSUED) & (is_applicant | committee),
)
