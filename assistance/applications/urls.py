"""URLs of assistance.applications (included by assistance.urls). The fixed
`my/assistance/` and `assistance/status/` come before the community pages."""

from django.urls import path

from assistance.applications.views import apply, mine, public

urlpatterns = [
    path("my/assistance/", mine.my_cases, name="my-cases"),
    path("my/assistance/<str:tracking>/", mine.my_case, name="my-case"),
    path("my/assistance/<str:tracking>/edit/", apply.edit, name="application-edit"),
    path(
        "my/assistance/<str:tracking>/submit/",
        apply.submit,
        name="application-submit",
    ),
    path(
        "my/assistance/<str:tracking>/withdraw/",
        mine.withdraw,
        name="application-withdraw",
    ),
    path("my/assistance/<str:tracking>/appeal/", mine.appeal, name="appeal"),
    path("assistance/status/", public.status, name="status"),
    path("<slug:slug>/assistance/", public.CommunityPage.as_view(), name="community"),
    path("<slug:slug>/assistance/apply/", apply.StartView.as_view(), name="apply"),
    path(
        "<slug:slug>/assistance/file/",
        apply.ProxyView.as_view(),
        name="file-for-resident",
    ),
    path("<slug:slug>/assistance/poster/", public.poster, name="poster"),
]
