"""Who may do what in charity; the table is in docs/permissions.md ("Charity").

Each concern keeps its predicates and permissions in its own rules module; they
are imported here so django-rules' autodiscovery loads them all.
"""

from charity.donations import rules as donations_rules
from charity.needs import rules as needs_rules
from charity.organisations import rules as organisations_rules
from charity.projects import rules as projects_rules
from charity.reports import rules as reports_rules

__all__ = [
    "donations_rules",
    "needs_rules",
    "organisations_rules",
    "projects_rules",
    "reports_rules",
]
