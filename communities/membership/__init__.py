"""Residency: joining a community, verification by its committee, households and
their representatives."""
