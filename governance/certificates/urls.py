"""URLs of certificates (出具证明), joined into the governance namespace."""

from django.urls import path, register_converter

from governance.certificates.views import public, register, requests, types


class IdConverter:
    """An id of at most 18 digits (a larger number is a 404, not an overflow)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "certid")

urlpatterns = [
    path("certificates/verify/", public.verify, name="certificate-verify"),
    path("my/certificates/", requests.my_all, name="my-all-certificates"),
    path(
        "certificates/verify/<str:serial>/",
        public.verify_serial,
        name="certificate-verify-serial",
    ),
    path(
        "regions/<slug:region_slug>/certificates/",
        register.RegionRegisterView.as_view(),
        name="region-certificates",
    ),
    path(
        "regions/<slug:region_slug>/certificates/register.csv",
        register.RegionRegisterView.as_view(csv=True),
        name="region-certificates-csv",
    ),
    path(
        "regions/<slug:region_slug>/certificates/types/",
        types.TypeListView.as_view(),
        name="certificate-types",
    ),
    path(
        "regions/<slug:region_slug>/certificates/types/<certid:pk>/",
        types.TypeView.as_view(),
        name="certificate-type",
    ),
    path(
        "regions/<slug:region_slug>/certificates/types/<certid:pk>/deactivate/",
        types.DeactivateView.as_view(),
        name="certificate-type-deactivate",
    ),
    path(
        "regions/<slug:region_slug>/certificates/types/<certid:pk>/activate/",
        types.ActivateView.as_view(),
        name="certificate-type-activate",
    ),
    path("<slug:slug>/certificates/", public.certificates, name="certificates"),
    # Not ".../certificates/request/": volunteers' "volunteering/certificates/request/"
    # would be read as a community slug (governance's URLs come first).
    path(
        "<slug:slug>/certificates/apply/",
        requests.RequestView.as_view(),
        name="certificate-request",
    ),
    path(
        "<slug:slug>/certificates/mine/",
        requests.MineView.as_view(),
        name="my-certificates",
    ),
    path(
        "<slug:slug>/certificates/queue/",
        requests.QueueView.as_view(),
        name="certificate-queue",
    ),
    path(
        "<slug:slug>/certificates/register/",
        register.CommunityRegisterView.as_view(),
        name="certificate-register",
    ),
    path(
        "<slug:slug>/certificates/register.csv",
        register.CommunityRegisterView.as_view(csv=True),
        name="certificate-register-csv",
    ),
    path(
        "<slug:slug>/certificates/requests/<certid:pk>/",
        requests.detail,
        name="certificate-request-detail",
    ),
    path(
        "<slug:slug>/certificates/requests/<certid:pk>/evidence/<certid:file_pk>/",
        requests.evidence,
        name="certificate-evidence",
    ),
    path(
        "<slug:slug>/certificates/requests/<certid:pk>/issue/",
        requests.issue,
        name="certificate-issue",
    ),
    path(
        "<slug:slug>/certificates/requests/<certid:pk>/refuse/",
        requests.refuse,
        name="certificate-refuse",
    ),
    path(
        "<slug:slug>/certificates/requests/<certid:pk>/print/",
        requests.print_certificate,
        name="certificate-print",
    ),
]
