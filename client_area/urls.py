from django.urls import path

from client_area import views

app_name = "client_area"

# Served under /client/ (ipt_site/urls.py). Staff pages about client links live in
# client_area/staff_urls.py, under the course.
urlpatterns = [
    path("", views.home, name="home"),
    path("start/<str:token>/", views.start, name="start"),
]
