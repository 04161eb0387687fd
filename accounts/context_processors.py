"""Template context every page needs: text size and the unread notification count."""

from accounts.preferences import LARGE_TEXT_COOKIE


def interface(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        large_text = user.large_text
    else:
        large_text = request.COOKIES.get(LARGE_TEXT_COOKIE) == "1"
    return {"large_text": large_text, "unread_notification_count": _LazyUnread(request)}


class _LazyUnread:
    """Counts unread notifications only if a template asks (one query, from the database)."""

    def __init__(self, request):
        self.request = request
        self._value = None

    def _count(self) -> int:
        if self._value is None:
            user = self.request.user
            if not user.is_authenticated:
                self._value = 0
            else:
                from notifications.selectors import unread_count

                self._value = unread_count(user)
        return self._value

    def __str__(self) -> str:
        return str(self._count())

    def __int__(self) -> int:
        return self._count()

    def __bool__(self) -> bool:
        return True
