"""Every governance permission: each concern's rules module adds its own
(django-rules reads this module at start-up). The tables are in docs/permissions.md.
"""

from governance.bodies import rules as bodies_rules
from governance.certificates import rules as certificates_rules
from governance.charters import rules as charters_rules
from governance.disclosures import rules as disclosures_rules
from governance.vetting import rules as vetting_rules

__all__ = [
    "bodies_rules",
    "certificates_rules",
    "charters_rules",
    "disclosures_rules",
    "vetting_rules",
]
