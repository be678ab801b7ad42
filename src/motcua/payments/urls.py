from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("ho-so/<str:code>/", views.dossier_fees, name="dossier"),
    path("ho-so/<str:code>/thanh-toan/", views.start, name="start"),
    path("ket-qua/<slug:plugin>/", views.return_view, name="return"),
    path("ipn/<slug:plugin>/", views.webhook, name="webhook"),
    path("giao-dich/<str:reference>/", views.transaction_view, name="transaction"),
    path("giao-dich/<str:reference>/bien-lai.pdf", views.receipt, name="receipt"),
]
