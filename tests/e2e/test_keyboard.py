"""Keyboard users: the skip link comes first, and the join form works by Tab alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import make_person, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {id: el.id, tag: el.tagName.toLowerCase(), inMain: !!el.closest("main"),
          text: el.textContent.trim()};
}"""


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_main(
    live_site, page, community
):
    page.goto(live_site + "/accounts/language/en/?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    # The next Tab continues inside the main content, at the search field.
    page.keyboard.press("Tab")
    expect(page.get_by_role("searchbox", name="Community name")).to_be_focused()


def test_every_control_of_the_join_form_is_labelled_and_reached_by_tab(
    live_site, page, community
):
    person = make_person(email="qian.fang@example.org")
    sign_in(page, live_site, person.email)
    page.goto(f"{live_site}/{community.slug}/join/")
    expect(page.get_by_role("heading", level=1, name="Join 幸福里社区")).to_be_visible()

    form = page.get_by_role("main").locator("form")
    fields = form.locator("input:not([type=hidden]), select, textarea")
    ids = fields.evaluate_all("els => els.map(e => e.id)")
    assert len(ids) >= 5, ids
    for field_id in ids:
        assert field_id, "every field needs an id for its label"
        expect(form.locator(f"label[for='{field_id}']")).to_have_count(1)
        expect(form.locator(f"#{field_id}")).to_have_accessible_name(re.compile(r"\w"))
    submit = form.get_by_role("button", name="Send request")
    expect(submit).to_be_visible()

    # Tab from the main landmark through the form, in document order.
    page.get_by_role("main").focus()
    reached = []
    for _step in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or not focused["inMain"]:
            break
        reached.append(focused["id"] or f"{focused['tag']}:{focused['text']}")
    assert reached[: len(ids)] == ids
    assert reached[len(ids)] == "button:Send request"

    # And the form can be sent from the keyboard alone.
    page.get_by_label("Building").focus()
    page.keyboard.type("7")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("702")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_label("I am 18 or older")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("我住七号楼。")
    page.keyboard.press("Tab")
    expect(submit).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your request has been sent.")).to_be_visible()
