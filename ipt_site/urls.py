from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as account_views
from cases import urls as cases_urls
from ipt_site.pages import urls as pages_urls
from measures import urls as measures_urls

urlpatterns = [
    path("", account_views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include((cases_urls.urlpatterns + pages_urls.urlpatterns, "cases"))),
    path("", include("inventory.formulation_urls")),
    path("", include("sessions.urls")),
    path("", include("inventory.urls")),
    path("", include((measures_urls.urlpatterns + pages_urls.measures_urlpatterns, "measures"))),
    path("", include("groups.urls")),
    path("supervision/", include("supervision.urls")),
    path("audit/", include("audit.urls")),
    path("", include("exports.urls")),
    path("client/", include("client_area.urls")),
    path("", include("client_area.staff_urls")),
    path("", include("client_area.diary_staff_urls")),
]
