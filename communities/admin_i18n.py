"""The Wagtail admin's JavaScript catalogue, with our Chinese for the words Wagtail
8's own catalogue lacks (communities/locale/zh_Hans/LC_MESSAGES/djangojs.po).

Django's JavaScriptCatalog reads only the packages it is given, never LOCALE_PATHS,
so the admin's `jsi18n/` address is served here with `communities` added after
`wagtail.admin` (Wagtail's words come first; ours only fill its gaps), localized
in the editor's preferred language as Wagtail's own view is.
"""

from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

_catalogue = JavaScriptCatalog.as_view(packages=["wagtail.admin", "communities"])


def javascript_catalogue(request, *args, **kwargs):
    return get_localized_response(_catalogue, request, *args, **kwargs)
