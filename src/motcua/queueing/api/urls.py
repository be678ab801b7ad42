from django.urls import path

from . import views

app_name = "queue-api"
urlpatterns = [
    path("queue/places/<str:code>/services", views.ServicesView.as_view(), name="services"),
    path("queue/places/<str:code>/board", views.BoardView.as_view(), name="board"),
    path("queue/places/<str:code>/walk-in", views.WalkInView.as_view(), name="walk-in"),
    path("queue/places/<str:code>/bookings", views.BookingView.as_view(), name="bookings"),
    path("queue/places/<str:code>/check-in", views.CheckInView.as_view(), name="check-in"),
    path("queue/counters/<int:counter_id>/call-next", views.CallNextView.as_view(), name="call-next"),
]
