"""The CMS editor of disclosures: no publish button that always fails.

Finance and 居务 disclosures publish only through the supervision review
(`pages.DisclosurePermissionTester`). When editing one, Wagtail already hides
"Publish"; this hook also makes the submission the editor's main button and
names it plainly 提交审核 ("Submit for review"; Wagtail's own label reads
"Submit to <the workflow's name>", 提交给公开审核). When adding a disclosure the category is chosen in the form, so
`disclosure-editor.js` hides "Publish" while finance or 居务 is selected (the
form still refuses a publish of those, see `pages.DisclosureForm`).
"""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import pgettext_lazy
from wagtail.admin.action_menu import SubmitForModerationMenuItem

PUBLISH = "action-publish"
SUBMIT = "action-submit"


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    """Wagtail's submit action, labelled 提交审核 / 重新提交审核 for disclosures."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = pgettext_lazy("disclosure editor", "Resubmit for review")
        else:
            context["label"] = pgettext_lazy("disclosure editor", "Submit for review")
        return context


def _is_disclosure(context: dict[str, Any]) -> bool:
    # Late: governance.registration imports this module while the apps load.
    from governance.disclosures.pages import DisclosureIndexPage, DisclosurePage

    page = context.get("page")
    if page is not None and page.pk:
        return isinstance(page.specific, DisclosurePage)
    parent = context.get("parent_page")
    return parent is not None and isinstance(parent.specific, DisclosureIndexPage)


def _relabel_submit(menu_items: list) -> None:
    for index, item in enumerate(menu_items):
        if item.name == SUBMIT and not isinstance(item, SubmitForReviewMenuItem):
            relabelled = SubmitForReviewMenuItem(order=item.order)
            menu_items[index] = relabelled


def review_first(menu_items: list, request: Any, context: dict[str, Any]) -> None:
    """construct_page_action_menu: disclosures name the submission 提交审核; for
    one that needs review, it leads and no publish action is offered."""
    if not _is_disclosure(context):
        return
    _relabel_submit(menu_items)
    page = context.get("page")
    if page is None or not page.pk or not getattr(page.specific, "needs_review", False):
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
