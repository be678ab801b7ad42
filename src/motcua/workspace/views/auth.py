"""Sign-in and sign-out of officers (Django's auth, the workspace's own pages)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy


class SignIn(auth_views.LoginView):
    officer_page = True  # the officers' bar (motcua/navigation.py)
    template_name = "workspace/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("workspace:home")


class SignOut(auth_views.LogoutView):
    officer_page = True
    next_page = reverse_lazy("workspace:login")
