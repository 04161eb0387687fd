"""Models of the governance app; filled in by its own issue."""
