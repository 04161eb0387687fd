"""The periodic review and early warning table (test_monitoring_permission_table.py):
who sees the community's warnings and acts on an open or a closed warning. The
review steps themselves (`record_review`, `decide_review`) are case permissions,
in the case tables."""

from __future__ import annotations

MONITORING_PERMISSIONS = ("view_warnings", "act_on_warning")

# column -> (permission, object: "community", "open warning" or "closed warning")
COLUMNS = {
    "view_warnings (community)": ("view_warnings", "community"),
    "view_warnings (warning)": ("view_warnings", "open warning"),
    "act_on_warning (open)": ("act_on_warning", "open warning"),
    "act_on_warning (closed)": ("act_on_warning", "closed warning"),
}
