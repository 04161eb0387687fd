"""The CMS editor of disclosures: no publish button that always fails.

Finance and 居务 disclosures publish only through the supervision review
(`pages.DisclosurePermissionTester`). When editing one, Wagtail already hides
"Publish"; this hook also makes "Submit to <the review workflow>" the editor's
main button. When adding a disclosure the category is chosen in the form, so
`disclosure-editor.js` hides "Publish" while finance or 居务 is selected (the
form still refuses a publish of those, see `pages.DisclosureForm`).
"""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.utils.html import format_html

PUBLISH = "action-publish"
SUBMIT = "action-submit"


def review_first(menu_items: list, request: Any, context: dict[str, Any]) -> None:
    """construct_page_action_menu: for a disclosure that needs review, the
    submit action leads and no publish action is offered."""
    page = context.get("page")
    if page is None or not getattr(page.specific, "needs_review", False):
        return
    menu_items[:] = [item for item in menu_items if item.name != PUBLISH]
    submit = [item for item in menu_items if item.name == SUBMIT]
    if submit:
        menu_items.remove(submit[0])
        menu_items.insert(0, submit[0])


def editor_js() -> str:
    """insert_editor_js: the publish toggle of new disclosures."""
    return format_html(
        '<script src="{}" defer></script>', static("js/disclosure-editor.js")
    )
