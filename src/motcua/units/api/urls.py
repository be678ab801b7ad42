from django.urls import path, re_path

from . import views

app_name = "units"

urlpatterns = [
    path("units/provinces", views.ProvinceListView.as_view(), name="provinces"),
    re_path(
        r"^units/provinces/(?P<code>[0-9]{2})/communes$", views.CommuneListView.as_view(), name="communes"
    ),
    path("units/search", views.SearchView.as_view(), name="search"),
    re_path(r"^units/(?P<code>[0-9]{2,5})$", views.UnitDetailView.as_view(), name="detail"),
    re_path(r"^units/(?P<code>[0-9]{2,5})/successors$", views.SuccessorsView.as_view(), name="successors"),
]
