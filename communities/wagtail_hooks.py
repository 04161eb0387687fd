"""Wagtail admin hooks: accessibility fixes for Wagtail's own markup (issue 15 §5)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def accessibility_fixes_js():
    """Names Draftail's editable areas after their fields' labels (see the script)."""
    return format_html('<script src="{}" defer></script>', static("js/admin-a11y.js"))
