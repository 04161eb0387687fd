"""The models of the volunteers app, one module per concern, imported here so that
Django and the migrations find them under the app label "volunteers"."""

from volunteers.matching.models import Invitation
from volunteers.profiles.models import Skill, VolunteerProfile
from volunteers.records.models import (
    Certificate,
    ServiceRecord,
    TimeBankAccount,
    TimeBankTransaction,
)
from volunteers.shifts.models import Activity, Attendance, Shift, SignUp, Team

__all__ = [
    "Activity",
    "Attendance",
    "Certificate",
    "Invitation",
    "ServiceRecord",
    "Shift",
    "SignUp",
    "Skill",
    "Team",
    "TimeBankAccount",
    "TimeBankTransaction",
    "VolunteerProfile",
]
