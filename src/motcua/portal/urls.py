from django.urls import path, re_path

from . import catalog_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    re_path(r"^don-vi/(?P<code>[0-9]{2})/$", views.province, name="province"),
    path("thu-tuc/", catalog_views.catalog_home, name="catalog"),
    path("thu-tuc/cap/<slug:level>/", catalog_views.level_list, name="catalog-level"),
    path("thu-tuc/linh-vuc/<int:field_id>/", catalog_views.field_list, name="catalog-field"),
    path("thu-tuc/<str:code>/", catalog_views.procedure_detail, name="procedure"),
    path("thu-tuc/<str:code>/mau/<int:document_id>/", catalog_views.form_template, name="procedure-form"),
]
