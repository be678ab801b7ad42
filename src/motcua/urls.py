from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from motcua.core import views as core_views
from motcua.documents import api as documents_api
from motcua.dossiers.api import urls as dossiers_api
from motcua.notifications import citizen as citizen_notifications
from motcua.notifications import observability

api_patterns = [  # the dossiers' first: public tracking and counter reception are the busiest
    # The dossier API with its documents' endpoints, which belong to the documents app above it.
    path("", include((dossiers_api.urlpatterns + documents_api.urlpatterns, dossiers_api.app_name))),
    path("", include("motcua.units.api.urls")),
    path("", include("motcua.calendar.api.urls")),
    path("", include("motcua.catalog.api.urls")),
    path("", include("motcua.search.api.urls")),
    path("", include("motcua.queueing.api.urls")),
    path("", include("motcua.postal.api.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_patterns)),
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", observability.metrics_view, name="metrics"),
    path("can-bo/thong-bao/", include("motcua.notifications.urls")),
    path("nhan-thong-bao/", citizen_notifications.choose, name="citizen-notifications"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    re_path(r"^api/", core_views.api_not_found),  # anything else under /api/: JSON, not the HTML 404
    path("tai-khoan/", include("motcua.accounts.urls")),
    path("thanh-toan/", include("motcua.payments.urls")),
    path("phuc-vu-tai-nha/", include("motcua.homeservice.urls")),
    path("buu-chinh/", include("motcua.postal.urls")),
    path("", include("motcua.queueing.urls")),
    path("", include("motcua.feedback.urls")),
    path("can-bo/co-ho-so/", include("motcua.integrity.urls")),
    path("", include("motcua.index.urls")),  # before the workspace's and portal's catch-alls
    path("can-bo/chuyen-doi/", include("motcua.legacy.urls")),
    path("can-bo/cong-quoc-gia/", include("motcua.nationalportal.urls")),
    path("can-bo/giam-sat/", include("motcua.supervision.urls")),
    path("can-bo/du-lieu-ca-nhan/", include("motcua.privacy.urls")),
    path("can-bo/", include("motcua.workspace.urls")),
    path("", include("motcua.portal.urls")),
]

handler500 = "motcua.core.views.server_error"
