from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("da-doc/", views.mark_all_read, name="read-all"),
    path("so-chua-doc/", views.unread, name="unread"),
]
