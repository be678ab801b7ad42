from django.urls import path, re_path

from . import files, public, views

app_name = "dossiers-api"  # with the documents' endpoints (documents/api.py), joined in motcua/urls.py

CODE = r"(?P<code>[0-9A-Z.]{13}-[0-9]{6}-[0-9]{4,})"

urlpatterns = [
    re_path(rf"^tracking/{CODE}$", public.TrackingView.as_view(), name="tracking"),  # first: the busiest
    path("dossiers", views.DossierListView.as_view(), name="list"),
    path("dossiers/counter", views.CounterReceptionView.as_view(), name="counter"),
    path("dossiers/online", views.OnlineSubmissionView.as_view(), name="online"),
    re_path(rf"^dossiers/{CODE}$", views.DossierDetailView.as_view(), name="detail"),
    re_path(rf"^dossiers/{CODE}/history$", views.DossierHistoryView.as_view(), name="history"),
    re_path(rf"^dossiers/{CODE}/forms/(?P<form>0[1-6])\.pdf$", files.FormView.as_view(), name="form"),
    *(
        re_path(rf"^dossiers/{CODE}/actions/{slug}$", view.as_view(), name=f"action-{slug}")
        for slug, view in views.ACTION_VIEWS.items()
    ),
]
