"""Open data: the read-only public API under /api/v1/ and officers' token access.

`public/` serialises what the public pages already show, reading through each
app's selectors; `tokens/` lets street and district officers pull their area's
non-public figures with a personal token. See docs/api.md.
"""
