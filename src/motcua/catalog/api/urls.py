from django.urls import path, re_path

from . import views

app_name = "catalog"

CODE = r"(?P<code>[0-9]+\.[0-9]+)"

urlpatterns = [
    path("catalog/fields", views.FieldListView.as_view(), name="fields"),
    path("catalog/procedures", views.ProcedureListView.as_view(), name="procedures"),
    re_path(rf"^catalog/procedures/{CODE}$", views.ProcedureDetailView.as_view(), name="procedure"),
    re_path(rf"^catalog/procedures/{CODE}/versions$", views.VersionListView.as_view(), name="versions"),
    re_path(
        rf"^catalog/procedures/{CODE}/versions/(?P<number>[0-9]+)$",
        views.VersionDetailView.as_view(),
        name="version",
    ),
    re_path(
        rf"^catalog/procedures/{CODE}/versions/(?P<number>[0-9]+)/publish$",
        views.PublishView.as_view(),
        name="publish",
    ),
    re_path(
        rf"^catalog/procedures/{CODE}/versions/(?P<number>[0-9]+)/retire$",
        views.RetireView.as_view(),
        name="retire",
    ),
]
