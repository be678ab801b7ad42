from django.urls import path

from . import views

app_name = "index"

urlpatterns = [
    path("can-bo/chi-so-766/", views.explain, name="explain"),
    path("cong-khai/chi-so-phuc-vu/", views.transparency, name="public"),
]
