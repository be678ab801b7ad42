"""The project's URLs plus, until the officer workspace is merged, a stand-in for its counter reception
page (`workspace:receive`) so that the home-service pages can build their link to it."""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from motcua.urls import urlpatterns as project


def _stand_in(request):
    return HttpResponse("workspace:receive stand-in")


def _has_workspace() -> bool:
    try:
        reverse("workspace:receive", urlconf="motcua.urls")
    except NoReverseMatch:
        return False
    return True


urlpatterns = list(project)
if not _has_workspace():
    urlpatterns.insert(
        0, path("can-bo/", include(([path("tiep-nhan/", _stand_in, name="receive")], "workspace")))
    )
