"""The staff case page: who may open it, every read logged, masked ID numbers,
attachments as logged downloads, a platform admin's recorded reason."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assistance.cases.models import CaseRead, HouseholdMember
from audit.models import AuditEvent
from communities.models import Role
from tests.assistance.handling.conftest import ID_NUMBER
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db


def page(case):
    return reverse("assistance:case", args=[case.tracking_number])


@pytest.mark.parametrize(
    ("who", "capacity"),
    [
        ("coordinator", "coordinator"),
        ("officer", "street officer"),
        ("supervisor", "district supervisor"),
    ],
)
def test_staff_read_the_case_and_the_read_is_logged(
    request, signed_in, full_case, who, capacity
):
    user = request.getfixturevalue(who)
    response = signed_in(user).get(page(full_case))
    assert response.status_code == 200
    body = response.content.decode()
    assert "张三明" in body and "500" in body  # income total 300 + 200
    read = CaseRead.objects.get(case=full_case)
    assert (read.reader, read.capacity, read.what) == (user, capacity, "case file")
    assert read.at is not None


@pytest.mark.parametrize("who", ["committee_member", "other_officer", "applicant"])
def test_others_are_refused_and_nothing_is_logged(request, signed_in, full_case, who):
    user = request.getfixturevalue(who)
    response = signed_in(user).get(page(full_case))
    # The applicant is sent to their own page; nobody else gets the file.
    assert response.status_code in (302, 403)
    assert "6222020200112233445" not in response.content.decode()
    assert not CaseRead.objects.exists()


def test_a_coordinator_without_totp_is_told_why(signed_in, full_case, community):
    user = grant_role(Role.AID_COORDINATOR, community=community, totp=False)
    response = signed_in(user).get(page(full_case))
    assert response.status_code == 403
    assert not CaseRead.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, full_case):
    response = client.get(page(full_case))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_id_numbers_and_bank_account_are_masked_by_default(
    signed_in, full_case, coordinator
):
    body = signed_in(coordinator).get(page(full_case)).content.decode()
    assert ID_NUMBER not in body
    assert "1101**********1234" in body
    assert "6222020200112233445" not in body and "3445" in body
    assert "13812345678" not in body


def test_showing_an_id_number_is_a_logged_read(signed_in, full_case, coordinator):
    head = HouseholdMember.objects.get(case=full_case, relationship="self")
    url = reverse(
        "assistance:case-id-number", args=[full_case.tracking_number, head.pk]
    )
    response = signed_in(coordinator).post(url)
    assert response.status_code == 200
    assert ID_NUMBER in response.content.decode()
    assert CaseRead.objects.filter(reader=coordinator, what="id numbers").count() == 1


def test_others_cannot_show_an_id_number(signed_in, full_case, committee_member):
    head = HouseholdMember.objects.get(case=full_case, relationship="self")
    url = reverse(
        "assistance:case-id-number", args=[full_case.tracking_number, head.pk]
    )
    response = signed_in(committee_member).post(url)
    assert response.status_code == 403
    assert ID_NUMBER not in response.content.decode()
    assert signed_in(committee_member).get(url).status_code == 405


def test_attachments_download_logged_and_refused_to_others(
    signed_in, full_case, coordinator, committee_member, other_officer
):
    row = full_case.attachments.get()
    url = reverse(
        "assistance:case-attachment", args=[full_case.tracking_number, row.pk]
    )
    for person in (committee_member, other_officer):
        assert signed_in(person).get(url).status_code == 403
    assert not CaseRead.objects.exists()
    response = signed_in(coordinator).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 id card"
    read = CaseRead.objects.get()
    assert (read.reader, read.what) == (coordinator, f"attachment {row.pk}")
    # No public URL of the file is ever rendered.
    body = signed_in(coordinator).get(page(full_case)).content.decode()
    assert row.file.name not in body


def test_an_attachment_of_another_case_is_not_found(
    signed_in, full_case, make_case, coordinator
):
    other = make_case()
    row = full_case.attachments.get()
    url = reverse("assistance:case-attachment", args=[other.tracking_number, row.pk])
    assert signed_in(coordinator).get(url).status_code == 404


def test_a_platform_admin_must_record_a_reason(signed_in, full_case, platform_admin):
    client = signed_in(platform_admin)
    response = client.get(page(full_case))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Why do you need this case file?" in body
    assert "张三明" not in body and "500" not in body
    assert not CaseRead.objects.exists()

    reason_url = reverse("assistance:case-reason", args=[full_case.tracking_number])
    bad = client.post(reason_url, {"reason": "look"})
    assert bad.status_code == 400
    assert not CaseRead.objects.exists()

    done = client.post(reason_url, {"reason": "居民投诉处理，需核实办理过程"})
    assert done.status_code == 302 and done["Location"] == page(full_case)
    assert AuditEvent.objects.filter(action="assistance.admin_read").exists()
    response = client.get(page(full_case))
    assert response.status_code == 200 and "张三明" in response.content.decode()
    read = CaseRead.objects.filter(what="case file").get()
    assert read.capacity == "platform admin"
    assert read.reason == "居民投诉处理，需核实办理过程"


def test_the_reason_is_only_for_platform_admins(signed_in, full_case, committee_member):
    url = reverse("assistance:case-reason", args=[full_case.tracking_number])
    response = signed_in(committee_member).post(
        url, {"reason": "我想看看这个案卷的内容"}
    )
    assert response.status_code == 403
    assert not CaseRead.objects.exists()


def test_the_reads_log_is_for_supervisors_and_the_household(
    signed_in, full_case, coordinator, supervisor, applicant
):
    signed_in(coordinator).get(page(full_case))
    body = signed_in(coordinator).get(page(full_case)).content.decode()
    assert "Who read this case file" not in body
    body = signed_in(supervisor).get(page(full_case)).content.decode()
    assert "Who read this case file" in body and coordinator.public_name in body

    reads_url = reverse("assistance:case-reads", args=[full_case.tracking_number])
    assert signed_in(coordinator).get(reads_url).status_code == 403
    before = CaseRead.objects.count()
    response = signed_in(applicant).get(reads_url)
    assert response.status_code == 200
    body = response.content.decode()
    assert coordinator.public_name in body and "coordinator" in body
    assert (
        CaseRead.objects.count() == before
    )  # the household's own reads are not logged


def test_the_applicant_is_sent_to_their_own_page(signed_in, full_case, applicant):
    response = signed_in(applicant).get(page(full_case))
    assert response.status_code == 302
    assert full_case.tracking_number in response["Location"]


def test_an_unknown_tracking_number_is_not_found(signed_in, coordinator):
    assert (
        signed_in(coordinator).get("/assistance/cases/JZ-2026-XXXXXX/").status_code
        == 404
    )


def test_the_desk_speaks_chinese(zh_client, make_case, coordinator, community):
    coordinator.preferred_language = settings.LANGUAGE_CODE
    coordinator.save()
    case = make_case("accepted", accepted_days_ago=1)
    zh_client.force_login(coordinator)
    body = zh_client.get(page(case)).content.decode()
    assert "登记入户调查" in body and "剩余" in body
    # The case list is a staff tool: on the work desk, in Chinese.
    assert "救助案件" in zh_client.get("/desk/").content.decode()
    listing = zh_client.get(reverse("assistance:cases", args=[community.slug]))
    assert "的救助案件" in listing.content.decode()


def test_the_case_page_queries_do_not_grow_with_the_file(
    signed_in, full_case, coordinator
):
    client = signed_in(coordinator)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page(full_case)).status_code == 200
        return len(queries)

    few = count()
    for n in range(8):
        HouseholdMember.objects.create(
            case=full_case, name=f"成员{n}", relationship="child", id_number="1" * 18
        )
    for _ in range(5):
        signed_in(coordinator).get(page(full_case))
    assert count() == few
