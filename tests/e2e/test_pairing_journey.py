"""Paired-region journey (issue 14 §3): a liaison officer of 甘肃省武山县 (receiving
side, no TOTP) signs in, finds the region's exchange from the portal, posts
situation feedback and asks a question; the district's officer (with TOTP)
answers it; the liaison sees the answer. A liaison of 永登县 is refused there."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import ACTION_TIMEOUT_MS, label, make_person, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _context(browser):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS * 2)
    return context


def _world(community):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from communities.models import Role
    from pairing.models import Liaison, PairedRegion
    from tests.factories import RoleGrantFactory

    district = community.street.parent
    officer = make_person(email="qu.minzheng@example.org", display_name="区民政干部")
    RoleGrantFactory(
        user=officer, role=Role.DISTRICT_OFFICER, community=None, region=district
    )
    secret = generate_totp_secret()
    TOTP.activate(officer, secret)
    wushan = PairedRegion.objects.create(
        district=district, name="甘肃省武山县", province="甘肃省", slug="wushan",
        agreement="结对帮扶协议")  # fmt: skip
    yongdeng = PairedRegion.objects.create(
        district=district, name="甘肃省永登县", province="甘肃省", slug="yongdeng")  # fmt: skip
    start = timezone.localdate() - datetime.timedelta(days=1)
    people = {}
    for region, email, name in (
        (wushan, "ma.wenbin@example.org", "马文斌"),
        (yongdeng, "zhang.xiaoyan@example.org", "张晓燕"),
    ):
        people[region.slug] = make_person(email=email, display_name=name)
        Liaison.objects.create(
            user=people[region.slug], paired_region=region, side="receiving",
            name=name, title="民政局副局长", starts_on=start)  # fmt: skip
    return officer, secret, people


def test_a_liaison_posts_feedback_and_asks_and_the_district_answers(
    live_site, browser, community
):
    officer, secret, people = _world(community)

    liaison = _context(browser).new_page()
    sign_in(liaison, live_site, people["wushan"].email)
    liaison.goto(f"{live_site}/")
    liaison.get_by_role("link", name="Liaison officer (paired region)").click()
    expect(liaison.get_by_role("heading", level=1)).to_contain_text("甘肃省武山县")

    feedback = liaison.locator("form[action$='/feedback/']")
    feedback.get_by_label(label("Title")).fill("结对村冬季生活情况")
    feedback.get_by_label(label("Text")).fill("取暖物资缺口约40户。")
    feedback.get_by_role("button", name="Post the feedback").click()
    expect(liaison.get_by_text("The feedback is posted.")).to_be_visible()

    question = liaison.locator("form[action$='/questions/']")
    question.get_by_label(label("Question")).fill("议事协商的经验材料能否分享？")
    question.get_by_label(label("Details")).fill("我县正在推进村级议事协商。")
    question.get_by_role("button", name="Ask").click()
    expect(
        liaison.get_by_text("The question is sent to the supporting district.")
    ).to_be_visible()
    expect(liaison.get_by_text("Waiting for an answer.")).to_be_visible()

    desk = _context(browser).new_page()
    sign_in(desk, live_site, officer.email, totp_secret=secret)
    desk.goto(f"{live_site}/pairing/wushan/exchange/")
    expect(desk.get_by_text("取暖物资缺口约40户。")).to_be_visible()
    answer = desk.locator("article").filter(has_text="议事协商的经验材料能否分享？")
    answer.get_by_label(label("Answer")).fill("制度汇编已发至贵县民政局邮箱。")
    answer.get_by_role("button", name="Send the answer").click()
    expect(desk.get_by_text("The answer is sent; the asker is told.")).to_be_visible()

    liaison.goto(f"{live_site}/pairing/wushan/exchange/")
    expect(liaison.get_by_text("制度汇编已发至贵县民政局邮箱。")).to_be_visible()

    other = _context(browser).new_page()
    sign_in(other, live_site, people["yongdeng"].email)
    response = other.goto(f"{live_site}/pairing/wushan/exchange/")
    assert response.status == 403
