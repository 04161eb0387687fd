"""Models of the consultation app; filled in by its own issue."""
