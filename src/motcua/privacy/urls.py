from django.urls import path, re_path

from . import views

app_name = "privacy"

CODE = r"(?P<code>[0-9A-Z.]{13}-[0-9]{6}-[0-9]{4,})"

urlpatterns = [
    path("", views.read_log, name="read-log"),
    path("trich-xuat/", views.export, name="export"),
    re_path(rf"^ho-so/{CODE}/so-dinh-danh/$", views.reveal, name="reveal"),
]
