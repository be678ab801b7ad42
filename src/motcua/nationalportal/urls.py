from django.urls import path

from . import views

app_name = "nationalportal"

urlpatterns = [path("", views.operations_page, name="operations")]
