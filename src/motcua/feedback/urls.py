from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("ho-so-cua-toi/<str:code>/danh-gia/", views.rate, name="rate"),
    path("ho-so-cua-toi/<str:code>/danh-gia/cam-on/", views.rated, name="rated"),
    path("phan-anh/gui/", views.send, name="send"),
    path("phan-anh/", views.mine, name="mine"),
    path("phan-anh/<int:pk>/", views.mine_detail, name="mine-detail"),
    path("can-bo/phan-anh/", views.officer_list, name="officer-list"),
    path("can-bo/phan-anh/<int:pk>/", views.officer_detail, name="officer-detail"),
]
