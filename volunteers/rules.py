"""The volunteers app's predicates and permissions, one module per concern; imported
here so that django-rules' autodiscovery loads them all."""

from volunteers.matching import rules as matching_rules
from volunteers.profiles import rules as profile_rules
from volunteers.records import rules as record_rules
from volunteers.shifts import rules as shift_rules

__all__ = ["matching_rules", "profile_rules", "record_rules", "shift_rules"]
