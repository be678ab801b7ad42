from django.urls import path

from . import views

app_name = "integrity"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bang-chung.pdf", views.evidence_pdf, name="evidence-pdf"),
]
