"""Models of the charity app; filled in by its own issue."""
