from django.urls import path

from .views import CallbackView, PickupView

urlpatterns = [
    path("postal/callbacks", CallbackView.as_view(), name="postal-callbacks"),
    path("postal/pickups", PickupView.as_view(), name="postal-pickups"),
]
