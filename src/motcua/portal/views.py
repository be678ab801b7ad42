from django.shortcuts import render

from motcua.units.models import AdministrativeUnit


def home(request):
    provinces = AdministrativeUnit.objects.current().provinces().order_by("code")
    return render(request, "portal/home.html", {"provinces": provinces})
