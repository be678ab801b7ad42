from django.urls import path

from . import counter_views, views

app_name = "queueing"
urlpatterns = [
    path("lay-so/", views.home, name="home"),
    path("lay-so/dat-lich/<str:code>/", views.book, name="book"),
    path("lay-so/ve/<str:token>/", views.ticket, name="ticket"),
    path("lay-so/ve/<str:token>/huy/", views.cancel, name="cancel"),
    path("lay-so/kiosk/<str:code>/", views.kiosk, name="kiosk"),
    path("lay-so/kiosk/<str:code>/co-mat/", views.kiosk_check_in, name="check-in"),
    path("lay-so/man-hinh/<str:code>/", views.screen, name="screen"),
    path("can-bo/quay/dang-nhap/", counter_views.login, name="login"),
    path("can-bo/quay/goi-so/", counter_views.panel, name="panel"),
    path("can-bo/quay/goi-so/chon-quay/", counter_views.choose_counter, name="choose-counter"),
    path("can-bo/quay/goi-so/<slug:action>/", counter_views.act, name="act"),
    path("can-bo/quay/thong-ke/<str:code>/", counter_views.stats, name="stats"),
]
