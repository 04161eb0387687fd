"""Rendering and sending notification e-mail, in the recipient's own language.

Called only from the background tasks in `notifications.tasks`, never from a request.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urljoin

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from notifications import kinds
from notifications.models import Delivery, Notification


def can_email(user) -> bool:
    """Only active, non-anonymised people with a verified address get e-mail."""
    if not user.is_active or getattr(user, "is_anonymised", False) or not user.email:
        return False
    return EmailAddress.objects.filter(
        user=user, email__iexact=user.email, verified=True
    ).exists()


def absolute_url(path: str) -> str:
    """An absolute link on the public site (settings.WAGTAILADMIN_BASE_URL is its base)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
    return urljoin(base, path or reverse("notifications:list"))


def _language(user) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    language = getattr(user, "preferred_language", "")
    return language if language in codes else settings.LANGUAGE_CODE


def _kind_label(key: str) -> str:
    try:
        return str(kinds.get(key).label)
    except LookupError:
        return key


def _send(*, user, subject: str, template: str, context: dict) -> None:
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(html, "text/html")
    message.send()


def send_notification_mail(notification: Notification) -> None:
    """One notification as one e-mail: plain text and simple HTML."""
    user = notification.recipient
    with translation.override(_language(user)):
        context = {
            "user": user,
            "notification": notification,
            "kind_label": _kind_label(notification.kind),
            "link": absolute_url(notification.url),
            "preferences_link": absolute_url(reverse("notifications:preferences")),
            "site_name": gettext("Gongzhi"),
        }
        subject = f"[{context['site_name']}] {notification.title}"
        _send(user=user, subject=subject, template="notification", context=context)


def send_digest_mail(
    *, user, period: str, notifications: Sequence[Notification]
) -> None:
    """Several notifications in one daily or weekly e-mail."""
    with translation.override(_language(user)):
        site_name = gettext("Gongzhi")
        if period == Delivery.WEEKLY:
            heading = gettext("Your weekly summary")
        else:
            heading = gettext("Your daily summary")
        items = [
            {
                "notification": n,
                "kind_label": _kind_label(n.kind),
                "link": absolute_url(n.url),
            }
            for n in notifications
        ]
        context = {
            "user": user,
            "heading": heading,
            "items": items,
            "count": len(items),
            "list_link": absolute_url(reverse("notifications:list")),
            "preferences_link": absolute_url(reverse("notifications:preferences")),
            "site_name": site_name,
        }
        subject = f"[{site_name}] {heading}"
        _send(user=user, subject=subject, template="digest", context=context)
