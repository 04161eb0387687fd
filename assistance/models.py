"""Every model of assistance, imported from its concern so Django and the
migrations find them.

- `assistance.standards`: AssistanceSettings, Standard, WorkdayOverride;
- `assistance.cases`: Case and its members, income, property, expenses,
  attachments, the missing-items request, steps and reads;
- `assistance.investigation`: HomeVisit, FinancialCheck, Appraisal, ReviewOpinion;
- `assistance.publicity`: Publicity (公示), PublicityObjection;
- `assistance.decisions`: Refusal, Appeal, DistrictException;
- `assistance.oversight`: SpotCheck, SpotCheckItem, ExportLog.
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
from assistance.investigation.models import (
    Appraisal,
    FinancialCheck,
    HomeVisit,
    ReviewOpinion,
)
from assistance.oversight.models import ExportLog, SpotCheck, SpotCheckItem
from assistance.publicity.models import Publicity, PublicityObjection
from assistance.standards.models import AssistanceSettings, Standard, WorkdayOverride

__all__ = [
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
    "HomeVisit",
    "HouseholdMember",
    "IncomeItem",
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
