from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("nhan-luc/", views.staffing_page, name="staffing"),
    path("bao-cao/", views.reports_page, name="reports"),
]
