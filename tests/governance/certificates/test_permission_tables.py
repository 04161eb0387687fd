"""Every cell of the certificate tables in docs/permissions.md: who keeps a
district's list and reads a region's register (`certificate-regions`), and who
requests, works the queue, reads the register and acts on a request
(`certificate-requests`). One test per table, naming each cell that differs."""

from __future__ import annotations

import pytest

import governance.rules  # noqa: F401  (registers every governance permission)
from governance.certificates import services
from tests.support.actors import ACTORS, member
from tests.support.permissions import differing, doc_table

pytestmark = pytest.mark.django_db
Y, N = True, False

REGION_COLUMNS = {
    "manage_certificate_types (district)": ("manage_certificate_types", "district"),
    "manage_certificate_types (street)": ("manage_certificate_types", "street"),
    "view_region_certificates (street)": ("view_region_certificates", "street"),
    "view_region_certificates (district)": ("view_region_certificates", "district"),
}
REQUEST_COLUMNS = {
    "request_certificate": ("request_certificate", "community"),
    "handle_certificates": ("handle_certificates", "community"),
    "view_certificate_register": ("view_certificate_register", "community"),
    "view_certificate_request (submitted)": ("view_certificate_request", "submitted"),
    "view_certificate_evidence (submitted)": (
        "view_certificate_evidence",
        "submitted",
    ),
    "issue_certificate (submitted)": ("issue_certificate", "submitted"),
    "issue_certificate (issued)": ("issue_certificate", "issued"),
    "refuse_certificate (submitted)": ("refuse_certificate", "submitted"),
    "refuse_certificate (refused)": ("refuse_certificate", "refused"),
    "print_certificate (issued)": ("print_certificate", "issued"),
    "print_certificate (submitted)": ("print_certificate", "submitted"),
}
ROWS = (
    "visitor",
    "registered user",
    "pending applicant",
    "verified resident",
    "committee member without TOTP",
    "committee member",
    "committee member of another community",
    "supervision member",
    "street officer",
    "street officer of another street",
    "district officer",
    "district officer of another district",
    "platform admin",
)
APPLICANT = "applicant (a verified resident)"

NONE4 = (N,) * 4
REGION_TABLE = {
    "visitor": NONE4,
    "registered user": NONE4,
    "pending applicant": NONE4,
    "verified resident": NONE4,
    APPLICANT: NONE4,
    "committee member without TOTP": NONE4,
    "committee member": NONE4,
    "committee member of another community": NONE4,
    "supervision member": NONE4,
    "street officer": (N, N, Y, N),
    "street officer of another street": NONE4,
    "district officer": (Y, N, Y, Y),
    "district officer of another district": NONE4,
    "platform admin": (Y, N, Y, Y),
}
NONE11 = (N,) * 11
OFFICER = (N, N, Y, N, N, N, N, N, N, N, N)
REQUEST_TABLE = {
    "visitor": NONE11,
    "registered user": NONE11,
    "pending applicant": NONE11,
    "verified resident": (Y, N, N, N, N, N, N, N, N, N, N),
    APPLICANT: (Y, N, N, Y, N, N, N, N, N, Y, N),
    "committee member without TOTP": NONE11,
    "committee member": (N, Y, Y, Y, Y, Y, N, Y, N, Y, N),
    "committee member of another community": NONE11,
    "supervision member": OFFICER,
    "street officer": OFFICER,
    "street officer of another street": NONE11,
    "district officer": OFFICER,
    "district officer of another district": NONE11,
    "platform admin": NONE11,
}


@pytest.fixture
def world(community, cert_type, committee):
    people = {who: ACTORS[who](community) for who in ROWS}
    applicant = member(community, "verified")
    people[APPLICANT] = applicant

    def ask():
        return services.request_certificate(
            actor=applicant,
            community=community,
            certificate_type=cert_type,
            person_name="张三明",
            purpose="申领居住证",
        )

    submitted, issued, refused = ask(), ask(), ask()
    services.issue_certificate(actor=committee, request=issued)
    services.refuse_certificate(actor=committee, request=refused, reason="不符合")
    for row in (issued, refused):
        row.refresh_from_db()
    objects = {
        "community": community,
        "street": community.street,
        "district": community.street.parent,
        "submitted": submitted,
        "issued": issued,
        "refused": refused,
    }
    return people, objects


def _answer(world, columns):
    people, objects = world

    def answer(who, column):
        perm, target = columns[column]
        return people[who].has_perm(f"governance.{perm}", objects[target])

    return answer


def test_each_person_keeps_lists_and_reads_regions_as_the_table_gives(world):
    wrong = differing(
        REGION_TABLE, tuple(REGION_COLUMNS), _answer(world, REGION_COLUMNS)
    )
    assert not wrong, "\n".join(wrong)
    assert doc_table("certificate-regions", tuple(REGION_COLUMNS)) == REGION_TABLE


def test_each_person_requests_and_acts_as_the_table_gives(world):
    wrong = differing(
        REQUEST_TABLE, tuple(REQUEST_COLUMNS), _answer(world, REQUEST_COLUMNS)
    )
    assert not wrong, "\n".join(wrong)
    assert doc_table("certificate-requests", tuple(REQUEST_COLUMNS)) == REQUEST_TABLE
