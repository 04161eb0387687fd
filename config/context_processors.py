"""Site-wide template context."""

from django.conf import settings


def site(request):
    # Where the browser opens websockets: same origin behind a proxy (the default),
    # or the ASGI process's own address when `make serve` runs without a proxy.
    return {
        "websocket_base": settings.WEBSOCKET_BASE_URL,
        # Only list social sign-in buttons when a provider is configured (saves a query).
        "social_login_enabled": bool(settings.SOCIAL_PROVIDERS),
    }
