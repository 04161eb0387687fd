"""URLs of the joint qualification review (included by governance/urls.py)."""

from django.urls import path

from governance.vetting import views
from governance.vetting.models import ReviewDepartment, ReviewGround

BASE = "regions/<slug:region_slug>/vetting/"

urlpatterns = [
    path(BASE, views.RoundsView.as_view(), name="review-rounds"),
    path(f"{BASE}open/", views.OpenRoundView.as_view(), name="review-round-open"),
    path(f"{BASE}<int:pk>/", views.RoundView.as_view(), name="review-round"),
    path(
        f"{BASE}<int:pk>/results/",
        views.RecordResultView.as_view(),
        name="review-result",
    ),
    path(
        f"{BASE}<int:pk>/candidates/",
        views.AddCandidateView.as_view(),
        name="review-candidate-add",
    ),
    path(
        f"{BASE}<int:pk>/close/",
        views.CloseRoundView.as_view(),
        name="review-round-close",
    ),
    path(f"{BASE}settings/", views.ConfigView.as_view(), name="vetting-config"),
    path(
        f"{BASE}settings/save/",
        views.SettingsSaveView.as_view(),
        name="vetting-settings-save",
    ),
    path(
        f"{BASE}departments/add/",
        views.AddListItemView.as_view(kind="department"),
        name="vetting-department-add",
    ),
    path(
        f"{BASE}grounds/add/",
        views.AddListItemView.as_view(kind="ground"),
        name="vetting-ground-add",
    ),
    path(
        f"{BASE}departments/<int:pk>/retire/",
        views.ToggleListItemView.as_view(model=ReviewDepartment, in_use=False),
        name="vetting-department-retire",
    ),
    path(
        f"{BASE}departments/<int:pk>/restore/",
        views.ToggleListItemView.as_view(model=ReviewDepartment, in_use=True),
        name="vetting-department-restore",
    ),
    path(
        f"{BASE}grounds/<int:pk>/retire/",
        views.ToggleListItemView.as_view(model=ReviewGround, in_use=False),
        name="vetting-ground-retire",
    ),
    path(
        f"{BASE}grounds/<int:pk>/restore/",
        views.ToggleListItemView.as_view(model=ReviewGround, in_use=True),
        name="vetting-ground-restore",
    ),
    path(
        f"{BASE}exceptions/add/",
        views.AddExceptionView.as_view(),
        name="vetting-exception-add",
    ),
]
