"""URL map. The portal is `/`; each community owns `/<community-slug>/...`.

Specific app routes come first; Wagtail's page tree serves everything else,
through the anonymous page cache.
"""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from communities import admin_i18n
from communities.cache import cache_public_page
from config import health

admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # The Wagtail admin signs in through allauth (rate limits, 2FA).
    path(
        "admin/login/",
        RedirectView.as_view(url=settings.WAGTAILADMIN_LOGIN_URL, query_string=True),
    ),
    # Wagtail's JavaScript words with the Chinese its catalogue lacks (before its urls).
    path("admin/jsi18n/", admin_i18n.javascript_catalogue),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("notifications.calendar.urls")),
    path("", include("opendata.urls")),
    path("", include("governance.urls")),
    path("", include("volunteers.urls")),
    path("", include("charity.urls")),
    path("", include("consultation.urls")),
    path("", include("assistance.urls")),
    path("", include("pairing.urls")),
    path("", include("communities.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    re_path(
        r"^((?:[\w\-]+/)*)$",
        cache_public_page(wagtail_views.serve),
        name="wagtail_serve",
    ),
]

handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
