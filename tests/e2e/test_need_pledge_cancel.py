"""A resident cancels a pledge of goods on a phone, after confirming (issue 15 §3):
from "我的" to the confirmation page, which cancels nothing until the button."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from charity.models import Need, NeedPledge
from tests.e2e.conftest import make_person, open_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_a_resident_cancels_a_goods_pledge_after_confirming(live_site, page, community):
    need = Need.objects.create(
        community=community,
        item="棉被",
        quantity=20,
        unit="床",
        needed_by=timezone.localdate() + datetime.timedelta(days=30),
    )
    resident = make_person(email="juan.zeng@example.org", preferred_language="zh-hans")
    pledge = NeedPledge.objects.create(need=need, donor=resident, quantity=3)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_site, resident.email, english=False)

    open_menu(page)
    page.get_by_role("link", name="我的", exact=True).click()
    page.get_by_role("link", name="取消我的物资认捐").click()
    expect(
        page.get_by_role("heading", level=1, name="确定取消物资认捐吗？")
    ).to_be_in_viewport()
    assert page.evaluate(FITS)
    # The confirmation page cancels nothing by itself.
    pledge.refresh_from_db()
    assert pledge.status == NeedPledge.Status.PLEDGED
    button = page.get_by_role("button", name="是的，取消认捐")
    box = button.bounding_box()
    assert box["height"] >= 44, box
    button.click()

    expect(page.get_by_text("您的物资认捐已取消。")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name="棉被")).to_be_visible()
    pledge.refresh_from_db()
    assert pledge.status == NeedPledge.Status.CANCELLED
    expect(page.get_by_role("link", name="取消我的物资认捐")).to_have_count(0)
