"""Charity's models, one module per concern; imported here so Django and the
migrations find them. Migration 0001 names `charity.models.validate_credit_code`
and `charity.models.validate_payee` as validators, so they are re-exported too.
"""

from charity.donations.models import Donation, DonationQuerySet
from charity.needs.models import Need, NeedPledge
from charity.organisations.models import (
    Organisation,
    credit_code_check_character,
    validate_credit_code,
)
from charity.projects.models import Follow, Project
from charity.reports.models import (
    Expenditure,
    Report,
    ReportAttachment,
    validate_payee,
)

__all__ = [
    "Donation",
    "DonationQuerySet",
    "Expenditure",
    "Follow",
    "Need",
    "NeedPledge",
    "Organisation",
    "Project",
    "Report",
    "ReportAttachment",
    "credit_code_check_character",
    "validate_credit_code",
    "validate_payee",
]
