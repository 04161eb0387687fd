"""Certificates issued by the committee (issue 14 §1, §5): a resident requests a
certificate with evidence, the committee issues it, and an anonymous visitor opens
the QR address and sees it verified with the name masked; a resident who asks for
a certificate on the national "must not issue" list is told where to go."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    label,
    make_committee_member,
    make_person,
    open_menu,
    other_browser,
    sign_in,
)
from tests.e2e.desk_tools import open_desk_tool
from tests.uploads.samples import PDF

pytestmark = pytest.mark.django_db(transaction=True)


def _resident(community):
    from communities.models import Membership
    from tests.factories import MembershipFactory

    person = make_person(email="lin.xiaomei@example.org", display_name="小梅")
    person.real_name = "林小梅"
    person.save(update_fields=["real_name"])
    MembershipFactory(
        user=person, household__community=community, status=Membership.Status.VERIFIED
    )
    return person


def _allowed_list(community):
    from governance.certificates.models import CertificateType

    return CertificateType.objects.create(
        district=community.street.parent,
        name="居住证明（用于申领居住证）",
        legal_basis="《居住证暂行条例》第九条",
        purpose="申领居住证",
        procedure="申请、核实、出具",
        evidence="身份证；租房合同",
        template="兹证明{name}居住在{community}辖区内。\n本证明仅用于：{purpose}。\n{committee}\n{date}",
    )


def test_a_resident_requests_the_committee_issues_and_anyone_verifies(
    live_site, page, browser, community, tmp_path
):
    _allowed_list(community)
    resident = _resident(community)
    member, secret = make_committee_member(
        community, email="wang.weiyuan@example.org", display_name="王委员"
    )
    evidence = tmp_path / "lease.pdf"
    evidence.write_bytes(PDF)

    sign_in(page, live_site, resident.email)
    page.goto(f"{live_site}/{community.slug}/")
    open_menu(page)
    page.get_by_role("link", name="My certificates").first.click()
    page.get_by_role("link", name="Request a certificate online").click()
    page.get_by_label(label("Certificate")).select_option(
        label="居住证明（用于申领居住证）"
    )
    page.get_by_label(label("What you need it for")).fill("申领居住证")
    page.get_by_label(
        label("Evidence (images or PDF, several files allowed)")
    ).set_input_files([str(evidence)])
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent.")).to_be_visible()

    desk = other_browser(browser).new_page()
    sign_in(desk, live_site, member.email, totp_secret=secret)
    desk.goto(f"{live_site}/{community.slug}/")
    open_desk_tool(desk, community.name, "Certificate requests")
    desk.get_by_role("link", name="居住证明（用于申领居住证）").click()
    expect(desk.get_by_role("link", name="lease.pdf")).to_be_visible()
    desk.get_by_role("button", name="Issue the certificate").click()
    expect(desk.get_by_text("The certificate is issued.")).to_be_visible()
    desk.get_by_role("link", name="Print the certificate").click()
    expect(desk.get_by_text("兹证明林小梅居住在幸福里社区辖区内。")).to_be_visible()
    qr_address = desk.locator("figcaption").inner_text().split()[-1]
    assert "/certificates/verify/ZM-" in qr_address

    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(qr_address)
    expect(visitor.get_by_role("heading", level=1)).to_be_visible()
    expect(visitor.locator("[data-name]")).to_have_text("林*梅")
    expect(visitor.get_by_text("林小梅")).to_have_count(0)
    expect(visitor.get_by_text("幸福里社区居民委员会").first).to_be_visible()


def test_a_resident_asking_for_a_forbidden_certificate_is_told_where_to_go(
    live_site, page, community
):
    _allowed_list(community)
    resident = _resident(community)
    sign_in(page, live_site, resident.email)
    page.goto(f"{live_site}/{community.slug}/certificates/apply/")
    page.get_by_label(label("Certificate")).select_option(
        label="Certificate of no criminal record"
    )
    page.get_by_label(label("What you need it for")).fill("入职")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Please apply to the public security organ"
    )
    from governance.certificates.models import CertificateRequest

    assert not CertificateRequest.objects.exists()
