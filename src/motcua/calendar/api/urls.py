from django.urls import path

from . import views

app_name = "calendar"

urlpatterns = [
    path("calendar/deadline", views.DeadlineView.as_view(), name="deadline"),
    path("calendar/special-days", views.SpecialDaysView.as_view(), name="special-days"),
]
