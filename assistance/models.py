"""Every model of assistance, imported from its concern so Django and the
migrations find them.

- `assistance.standards`: AssistanceSettings, Standard, WorkdayOverride;
- `assistance.cases`: Case and its members, income, property, expenses,
  attachments, the missing-items request, steps and reads;
- `assistance.investigation`: HomeVisit, FinancialCheck, Appraisal, ReviewOpinion;
- `assistance.publicity`: Publicity (公示), PublicityObjection;
- `assistance.decisions`: Refusal, Appeal, DistrictException;
- `assistance.oversight`: SpotCheck, SpotCheckItem, ExportLog;
- `assistance.instalments`: Instalment; `assistance.followup`: FollowUpItem.
"""

from __future__ import annotations

from assistance.cases.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseRead,
    ExpenseItem,
    HouseholdMember,
    IncomeItem,
    MissingItemsRequest,
    PropertyItem,
)
from assistance.decisions.models import Appeal, DistrictException, Refusal
from assistance.discovery.models import Report  # noqa: F401  (discovery)
from assistance.emergency.models import AdvanceAid, EmergencyPeriod
from assistance.followup.models import FollowUpItem
from assistance.instalments.models import Instalment
from assistance.investigation.models import (
    Appraisal,
    FinancialCheck,
    HomeVisit,
    ReviewOpinion,
)
from assistance.monitoring.models import (
    AmountChange,
    EarlyWarning,
    Review,
    ReviewSchedule,
)
from assistance.oversight.models import ExportLog, SpotCheck, SpotCheckItem
from assistance.publicity.models import Publicity, PublicityObjection
from assistance.referrals.models import (  # noqa: F401  (service referrals)
    CaseLink,
    ContractItem,
    Referral,
    ReferralVisit,
    ServiceContract,
    SocialWorker,
    SocialWorkOrganisation,
)
from assistance.standards.models import AssistanceSettings, Standard, WorkdayOverride

__all__ = [
    "AmountChange",
    "EarlyWarning",
    "Review",
    "ReviewSchedule",
    "AdvanceAid",
    "EmergencyPeriod",
    "Appeal",
    "Appraisal",
    "AssistanceSettings",
    "Attachment",
    "Case",
    "CaseEvent",
    "CaseRead",
    "DistrictException",
    "ExpenseItem",
    "ExportLog",
    "FinancialCheck",
    "FollowUpItem",
    "HomeVisit",
    "HouseholdMember",
    "IncomeItem",
    "Instalment",
    "MissingItemsRequest",
    "PropertyItem",
    "Publicity",
    "PublicityObjection",
    "Refusal",
    "ReviewOpinion",
    "SpotCheck",
    "SpotCheckItem",
    "Standard",
    "WorkdayOverride",
]
