from django.urls import path

from . import views

app_name = "postal"
urlpatterns = [
    path("", views.hub, name="hub"),
    path("bien-ban/ket-qua/", views.create_results_batch, name="results-batch"),
    path("bien-ban/thu-gom/", views.create_pickup_batch, name="pickup-batch"),
    path("bien-ban/<str:code>/", views.batch, name="batch"),
    path("bien-ban/<str:code>/pdf", views.batch_pdf, name="batch-pdf"),
    path("buu-gui/<str:code>/", views.shipment, name="shipment"),
    path("buu-gui/<str:code>/da-tiep-nhan/", views.received, name="received"),
]
