from django.urls import path

from .views import CallbackView

urlpatterns = [path("postal/callbacks", CallbackView.as_view(), name="postal-callbacks")]
