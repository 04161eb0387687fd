"""Every model of pairing, imported from its concern so Django and the migrations
find them: `pairing.regions` (PairedRegion, PairedCommunity, Liaison) and
`pairing.exchange` (Update, Question, StaffExchange)."""

from __future__ import annotations

from pairing.exchange.models import Question, StaffExchange, Update
from pairing.regions.models import Liaison, PairedCommunity, PairedRegion

__all__ = [
    "Liaison",
    "PairedCommunity",
    "PairedRegion",
    "Question",
    "StaffExchange",
    "Update",
]
