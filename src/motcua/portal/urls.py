from django.urls import path, re_path

from . import catalog_views, my_dossiers, tracking, views
from .submission import views as submission

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("don-vi/", views.directory, name="directory"),
    re_path(r"^don-vi/(?P<code>[0-9]{2})/$", views.province, name="province"),
    path("thu-tuc/", catalog_views.catalog_home, name="catalog"),
    path("thu-tuc/cap/<slug:level>/", catalog_views.level_list, name="catalog-level"),
    path("thu-tuc/linh-vuc/<int:field_id>/", catalog_views.field_list, name="catalog-field"),
    path("thu-tuc/<str:code>/", catalog_views.procedure_detail, name="procedure"),
    path("thu-tuc/<str:code>/mau/<int:document_id>/", catalog_views.form_template, name="procedure-form"),
    path("thu-tuc/<str:code>/nop-truc-tuyen/", submission.start, name="submit-start"),
    path("nop-truc-tuyen/<uuid:key>/", submission.draft_page, name="draft"),
    path("tra-cuu/", tracking.track, name="tracking"),
    path("ho-so-cua-toi/", my_dossiers.my_list, name="my-dossiers"),
    path("ho-so-cua-toi/<str:code>/", my_dossiers.my_dossier, name="my-dossier"),
    path("ho-so-cua-toi/<str:code>/bo-sung/", my_dossiers.supplement, name="my-supplement"),
    path("ho-so-cua-toi/<str:code>/rut/", my_dossiers.withdraw, name="my-withdraw"),
    path("ho-so-cua-toi/<str:code>/mau-05.pdf", my_dossiers.stop_notice, name="my-stop-notice"),
    path("ho-so-cua-toi/<str:code>/nhan-ket-qua/", my_dossiers.take_result, name="my-take-result"),
    path("ho-so-cua-toi/<str:code>/ket-qua/<int:result_id>/", my_dossiers.result_copy, name="my-result"),
    path("ho-so-cua-toi/<str:code>/giay-to/<int:document_id>/", my_dossiers.paper, name="my-paper"),
]
