from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("dang-nhap/", views.sign_in, name="sign-in"),
    path("dang-nhap/vneid/", views.start, name="start"),
    path("dang-nhap/xong/", views.callback, name="callback"),
    path("dang-xuat/", views.sign_out, name="sign-out"),
    path("da-dang-xuat/", views.signed_out, name="signed-out"),
]
