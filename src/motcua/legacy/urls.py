from django.urls import path

from . import views

app_name = "legacy"

urlpatterns = [
    path("<str:province>/", views.report, name="report"),
]
