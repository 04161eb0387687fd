"""Input shape of a community's policy numbers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities import wording
from communities.regions.models import CommunitySettings


class CommunitySettingsForm(forms.ModelForm):
    class Meta:
        model = CommunitySettings
        fields = [
            "quorum_fraction",
            "household_quorum_fraction",
            "majority_fraction",
            "petition_threshold_fraction",
            "topic_decision_days",
            "meeting_notice_days",
            "assembly_notice_days",
            "followup_due_days",
            "objection_answer_days",
            "major_matter_disclosure_days",
            "frequent_transactions",
            "charter_filing_days",
            "shift_cancellation_cutoff_hours",
            "time_bank_enabled",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        community = getattr(self.instance, "community", None)
        self.fields["assembly_notice_days"].label = _("%(assembly)s notice (days)") % {
            "assembly": wording.term(community, "assembly")
        }
