"""Template context of every page: the unread notification count, counted lazily."""

from notifications.selectors import unread_count


def unread(request):
    return {"unread_notification_count": _LazyUnread(request)}


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
                self._value = unread_count(user)
        return self._value

    def __str__(self) -> str:
        return str(self._count())

    def __int__(self) -> int:
        return self._count()

    def __bool__(self) -> bool:
        return True
