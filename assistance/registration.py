"""What assistance adds to the platform's registries, called from
`AssistanceConfig.ready()`. Each concern registers its own part (notification
kinds, navigation, oversight figures, case-page panels, demo, scheduled jobs,
personal data, cache invalidation) in its `registration.py`; this module only
calls them, in order.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from assistance.applications import registration as applications
from assistance.cases.notify import KIND_CASE_STEP
from assistance.decisions import registration as decisions
from assistance.discovery import registration as discovery
from assistance.emergency import registration as emergency
from assistance.followup import registration as followup
from assistance.handling import registration as handling
from assistance.instalments import registration as instalments
from assistance.investigation import registration as investigation
from assistance.monitoring import registration as monitoring
from assistance.oversight import registration as oversight
from assistance.privacy import registration as privacy
from assistance.publicity import registration as publicity
from assistance.referrals import registration as referrals
from assistance.standards import registration as standards
from assistance.worklist import registration as worklist
from notifications import kinds

CONCERNS = (
    standards,
    applications,
    handling,
    investigation,
    publicity,
    decisions,
    oversight,
    privacy,
    worklist,
    monitoring,
    instalments,
    followup,
    referrals,
    emergency,
    discovery,
)


def register() -> None:
    kinds.register(KIND_CASE_STEP, _("Steps of my assistance application"))
    for concern in CONCERNS:
        concern.register()


def connect() -> None:
    for concern in CONCERNS:
        concern.connect()
