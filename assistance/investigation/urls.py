"""URLs of assistance.investigation (included by assistance.urls)."""

from assistance.handling.urls import case_path
from assistance.investigation import views

urlpatterns = [
    case_path("visit/", views.visit, "case-visit"),
    case_path(r"visits/(?P<pk>[0-9]{1,18})/sign/", views.sign, "case-visit-sign"),
    case_path("check/", views.check, "case-check"),
    case_path("appraisal/", views.appraisal, "case-appraisal"),
    case_path("review/", views.review, "case-review"),
]
