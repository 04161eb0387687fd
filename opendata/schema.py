"""The OpenAPI document covers /api/v1/ only (Wagtail's admin API is not ours)."""


def only_api_v1(endpoints):
    return [e for e in endpoints if e[0].startswith("/api/v1/")]
