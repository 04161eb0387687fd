"""Whether a person has TOTP two-factor authentication switched on."""

from allauth.mfa.models import Authenticator


def has_totp(user) -> bool:
    """True if the user has an active TOTP authenticator. Cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_gz_has_totp", None)
    if cached is None:
        cached = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
        user._gz_has_totp = cached
    return cached
