from django.urls import path

from . import views

app_name = "homeservice"
urlpatterns = [
    path("", views.request_form, name="request"),
    path("da-gui/", views.sent, name="sent"),
    path("tra-cuu/", views.status, name="status"),
    path("giam-sat/", views.supervise, name="supervise"),
    path("giam-sat/<str:code>/", views.supervise_detail, name="supervise-detail"),
    path("lich-cua-toi/", views.visits, name="visits"),
    path("lich-cua-toi/<str:code>/", views.visit, name="visit"),
    path("lich-cua-toi/<str:code>/da-tiep-nhan/", views.received, name="received"),
]
