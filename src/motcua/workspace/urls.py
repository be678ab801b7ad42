from django.urls import path, re_path

from .views import auth, catalog_review, dossier, reception, supervisor, work

app_name = "workspace"

CODE = r"(?P<code>[0-9A-Z.]{13}-[0-9]{6}-[0-9]{4,})"

urlpatterns = [
    path("dang-nhap/", auth.SignIn.as_view(), name="login"),
    path("dang-xuat/", auth.SignOut.as_view(), name="logout"),
    path("xac-thuc-hai-buoc/", auth.otp_verify, name="otp-verify"),
    path("xac-thuc-hai-buoc/dang-ky/", auth.otp_enrol, name="otp-enrol"),
    path("", work.my_work, name="home"),
    path("tim-kiem/", work.search, name="search"),
    path("giam-sat/", supervisor.supervisor, name="supervisor"),
    path("tiep-nhan/", reception.receive, name="receive"),
    path("tiep-nhan/nguoi-yeu-cau/", reception.person, name="person"),
    path("tiep-nhan/phieu/<int:pk>/", dossier.counter_slip, name="slip"),
    re_path(rf"^ho-so/{CODE}/$", dossier.dossier_page, name="dossier"),
    re_path(rf"^ho-so/{CODE}/thao-tac/(?P<slug>[a-z-]+)/$", dossier.act, name="act"),
    re_path(rf"^ho-so/{CODE}/ket-qua/(?P<pk>[0-9]+)/$", dossier.result_copy, name="result-copy"),
    path("danh-muc/", catalog_review.queue, name="catalog-queue"),
    path("danh-muc/<str:code>/v<int:number>/", catalog_review.version_page, name="catalog-version"),
    path("danh-muc/<str:code>/v<int:number>/sua-doi/", catalog_review.revise, name="catalog-revise"),
    path("danh-muc/<str:code>/v<int:number>/cong-bo/", catalog_review.publish, name="catalog-publish"),
    path("danh-muc/<str:code>/v<int:number>/xoa/", catalog_review.discard, name="catalog-discard"),
]
