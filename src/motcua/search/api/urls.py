from django.urls import path

from .views import ProcedureSearchView

urlpatterns = [
    path("procedures/search", ProcedureSearchView.as_view(), name="procedure-search"),
]
