"""The pages: the public index and region page (no phone numbers, a pinned number
of queries), the managers' and the exchange's one-action POSTs, a liaison refused
on another region, and bad input answered with a translated error and nothing
saved."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from pairing.models import (
    Liaison,
    PairedCommunity,
    PairedRegion,
    Question,
    StaffExchange,
    Update,
)
from tests.charity.factories import PublicProjectFactory
from tests.uploads.samples import EXE, PDF
from tests.volunteers.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def chinese(user):
    """The person reads the site in Chinese (test users default to English)."""
    user.preferred_language = "zh-hans"
    user.save(update_fields=["preferred_language"])
    return user


def test_the_public_page_shows_the_region_without_phone_numbers(
    client, wushan, home_community, receiving, home
):
    receiving.phone = "13912345678"
    receiving.save()
    PairedCommunity.objects.create(
        paired_region=wushan, community=home_community, partner_name="洛门镇蓼阳村"
    )
    Update.objects.create(
        paired_region=wushan, kind="update", title="公开动态", body="正文",
        is_public=True, author_name="林志远")  # fmt: skip
    Update.objects.create(
        paired_region=wushan, kind="feedback", title="内部反馈", body="正文",
        author_name="马文斌")  # fmt: skip
    body = client.get(reverse("pairing:region", args=["wushan"])).content.decode()
    for shown in ("甘肃省武山县", "结对帮扶协议", "年度计划", "马文斌", "林志远",
                  "receiving side", "和平社区", "洛门镇蓼阳村", "公开动态"):  # fmt: skip
        assert shown in body, shown
    assert "内部反馈" not in body
    assert "13912345678" not in body and receiving.email not in body
    index = client.get(reverse("pairing:index")).content.decode()
    assert reverse("pairing:region", args=["wushan"]) in index
    assert reverse("pairing:index") in client.get("/").content.decode()


def test_the_page_shows_tagged_projects_and_activities_in_fixed_queries(
    client, wushan, home_community, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            PublicProjectFactory(
                organisation__community=home_community, paired_region="甘肃省武山县",
                title=f"对口项目{i}")  # fmt: skip
            ActivityFactory(community=home_community, paired_region="甘肃省武山县")

    add(1)
    PublicProjectFactory(organisation__community=home_community, title="本地项目")
    url = reverse("pairing:region", args=["wushan"])
    body = client.get(url).content.decode()
    assert "对口项目0" in body and "本地项目" not in body
    with django_assert_max_num_queries(9) as one:
        client.get(url)
    add(4)
    with django_assert_max_num_queries(len(one.captured_queries)):
        body = client.get(url).content.decode()
    assert "对口项目3" in body


def test_a_liaison_of_another_region_is_refused(client, wushan, yongdeng_liaison):
    client.force_login(yongdeng_liaison)
    assert client.get(reverse("pairing:exchange", args=["wushan"])).status_code == 403
    for name in ("feedback-add", "update-add", "question-add", "exchange-add"):
        response = client.post(
            reverse(f"pairing:{name}", args=["wushan"]),
            {"title": "t", "body": "b", "people": "p", "direction": "outward",
             "starts_on": "2026-01-01", "ends_on": "2026-01-02", "purpose": "p"})  # fmt: skip
        assert response.status_code == 403, name
    assert client.get(reverse("pairing:exchange", args=["yongdeng"])).status_code == 200
    assert not Update.objects.exists() and not Question.objects.exists()
    assert not StaffExchange.objects.exists()


def test_the_receiving_side_posts_feedback_asks_and_sees_the_answer(
    client, wushan, receiving, officer
):
    client.force_login(receiving)
    response = client.post(
        reverse("pairing:feedback-add", args=["wushan"]),
        {"title": "冬季生活情况", "body": "缺口约40户", "attachment": SimpleUploadedFile("a.pdf", PDF)},
    )  # fmt: skip
    assert response.status_code == 302
    post = Update.objects.get()
    assert post.kind == "feedback" and not post.is_public
    attachment = reverse("pairing:attachment", args=["wushan", post.pk])
    assert client.get(attachment).status_code == 200
    client.post(
        reverse("pairing:question-add", args=["wushan"]),
        {"title": "问", "body": "详情"},
    )
    question = Question.objects.get()
    client.logout()
    assert client.get(attachment).status_code in (302, 403)
    client.force_login(officer)
    response = client.post(
        reverse("pairing:question-answer", args=["wushan", question.pk]),
        {"answer": "已答复"},
    )
    assert response.status_code == 302
    client.force_login(receiving)
    assert (
        "已答复"
        in client.get(reverse("pairing:exchange", args=["wushan"])).content.decode()
    )


def test_the_receiving_side_cannot_answer_and_the_home_side_cannot_ask(
    client, wushan, receiving, home
):
    question = Question.objects.create(
        paired_region=wushan, title="问", body="详情", asked_by=receiving
    )
    client.force_login(receiving)
    answer = reverse("pairing:question-answer", args=["wushan", question.pk])
    assert client.post(answer, {"answer": "自答"}).status_code == 403
    client.force_login(home)
    assert (
        client.post(
            reverse("pairing:question-add", args=["wushan"]),
            {"title": "问", "body": "x"},
        ).status_code
        == 403
    )
    assert client.post(answer, {"answer": "答"}).status_code == 302


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("feedback-add", {"title": "标题", "body": ""}, "必需字段"),
        ("feedback-add", {"title": "标题", "body": "正文", "attachment": "exe"}, "不能上传程序和脚本"),
        ("update-add", {"title": "", "body": "正文"}, "必需字段"),
        ("exchange-add", {"people": "王强", "direction": "outward", "starts_on": "2026-03-02",
                          "ends_on": "2026-03-01", "purpose": "挂职"}, "交流的结束日期不能早于开始日期。"),
        ("exchange-add", {"people": "王强", "direction": "sideways", "starts_on": "x",
                          "ends_on": "2026-03-01", "purpose": "挂职"}, "选择一个有效的选项"),
    ],
)  # fmt: skip
def test_bad_input_gets_a_translated_error_and_saves_nothing(
    zh_client, wushan, officer, name, data, error
):
    if data.get("attachment") == "exe":
        data["attachment"] = SimpleUploadedFile("report.pdf", EXE)
    zh_client.force_login(chinese(officer))
    response = zh_client.post(reverse(f"pairing:{name}", args=["wushan"]), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Update.objects.exists() and not StaffExchange.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="pairing.").exists()


def test_an_empty_answer_and_garbage_ids_are_refused(
    zh_client, wushan, yongdeng, officer, receiving
):
    question = Question.objects.create(
        paired_region=wushan, title="问", body="详情", asked_by=receiving
    )
    zh_client.force_login(chinese(officer))
    response = zh_client.post(
        reverse("pairing:question-answer", args=["wushan", question.pk]),
        {"answer": "  "},
    )
    assert response.status_code == 400
    assert "必需字段" in response.content.decode()
    assert (
        zh_client.post(
            f"/pairing/yongdeng/questions/{question.pk}/answer/", {"answer": "答"}
        ).status_code
        == 404
    )
    assert (
        zh_client.post(
            "/pairing/wushan/questions/99999999999999999/answer/", {"answer": "答"}
        ).status_code
        == 404
    )
    assert (
        zh_client.post(
            "/pairing/wushan/questions/999999999999999999999/answer/", {"answer": "答"}
        ).status_code
        == 404
    )
    assert zh_client.post("/pairing/wushan/pairs/abc/remove/").status_code == 404
    assert zh_client.get("/pairing/nowhere/").status_code == 404
    question.refresh_from_db()
    assert question.answered_at is None


def test_the_district_officer_adds_and_manages_a_region(
    zh_client, district, officer, home_community
):
    zh_client.force_login(chinese(officer))
    url = reverse("pairing:district", args=[district.slug])
    assert (
        reverse("pairing:district", args=[district.slug])
        in zh_client.get(
            reverse("communities:region", args=[district.slug])
        ).content.decode()
    )
    bad = zh_client.post(url, {"name": "甘肃省武山县", "province": "甘肃省", "slug": "wushan",
                               "plan_starts_on": "2026-12-31", "plan_ends_on": "2026-01-01"})  # fmt: skip
    assert bad.status_code == 400
    assert "计划的结束日期不能早于开始日期。" in bad.content.decode()
    assert not PairedRegion.objects.exists()
    response = zh_client.post(url, {"name": "甘肃省武山县", "province": "甘肃省", "slug": "wushan",
                                    "agreement": "协议", "agreement_document": SimpleUploadedFile("a.pdf", PDF)})  # fmt: skip
    assert response.status_code == 302
    region = PairedRegion.objects.get()
    assert (
        zh_client.get(
            reverse("pairing:agreement-document", args=["wushan"])
        ).status_code
        == 200
    )
    pair_add = reverse("pairing:pair-add", args=["wushan"])
    assert (
        zh_client.post(
            pair_add, {"community": "99999999999999999999", "partner_name": "村"}
        ).status_code
        == 400
    )
    assert (
        zh_client.post(
            pair_add, {"community": home_community.pk, "partner_name": "洛门镇蓼阳村"}
        ).status_code
        == 302
    )
    pair = PairedCommunity.objects.get()
    liaison_add = reverse("pairing:liaison-add", args=["wushan"])
    bad = zh_client.post(liaison_add, {"side": "home", "email": "nobody@example.com", "name": "林",
                                       "title": "科长", "starts_on": "2026-01-01"})  # fmt: skip
    assert bad.status_code == 400
    assert "没有使用此地址的账号" in bad.content.decode()
    ok = zh_client.post(liaison_add, {"side": "receiving", "email": "ma@wushan.example", "name": "马文斌",
                                      "title": "副局长", "starts_on": "2026-01-01"})  # fmt: skip
    assert ok.status_code == 302
    post = Liaison.objects.get()
    zh_client.post(reverse("pairing:liaison-revoke", args=["wushan", post.pk]))
    zh_client.post(reverse("pairing:pair-remove", args=["wushan", pair.pk]))
    post.refresh_from_db()
    assert post.revoked_at is not None and not PairedCommunity.objects.exists()
    assert (
        zh_client.get(reverse("pairing:manage", args=[region.slug])).status_code == 200
    )


def test_others_cannot_manage(client, wushan, receiving, home_community):
    client.force_login(receiving)
    assert client.get(reverse("pairing:manage", args=["wushan"])).status_code == 403
    response = client.post(
        reverse("pairing:pair-add", args=["wushan"]),
        {"community": home_community.pk, "partner_name": "村"},
    )
    assert response.status_code == 403
    assert not PairedCommunity.objects.exists()


def test_a_liaison_finds_the_region_from_my_communities_and_the_portal(
    client, wushan, receiving
):
    client.force_login(receiving)
    exchange = reverse("pairing:exchange", args=["wushan"])
    assert (
        exchange in client.get(reverse("communities:my-communities")).content.decode()
    )
    assert exchange in client.get("/").content.decode()


def test_the_forms_sharing_a_page_have_unique_field_ids(client, wushan, officer):
    import re

    client.force_login(officer)
    for name in ("pairing:exchange", "pairing:manage"):
        body = client.get(reverse(name, args=["wushan"])).content.decode()
        ids = re.findall(r' id="([^"]+)"', body)
        assert len(ids) == len(set(ids)), name
