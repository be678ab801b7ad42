from django.urls import path, re_path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    re_path(r"^don-vi/(?P<code>[0-9]{2})/$", views.province, name="province"),
]
