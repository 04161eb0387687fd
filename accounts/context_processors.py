"""Template context every page needs: the text size (the unread count is
notifications.context_processors.unread, which sits above accounts)."""

from accounts.preferences import LARGE_TEXT_COOKIE


def interface(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        large_text = user.large_text
    else:
        large_text = request.COOKIES.get(LARGE_TEXT_COOKIE) == "1"
    return {"large_text": large_text}
