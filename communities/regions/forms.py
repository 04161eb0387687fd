"""Input shape of a community's policy numbers."""

from __future__ import annotations

from django import forms

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
