from django.urls import path

from cases import views

app_name = "cases"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("clients/", views.client_search, name="client_search"),
    path("clients/new/", views.client_create, name="client_create"),
    path("clients/<int:client_id>/", views.client_detail, name="client_detail"),
    path("courses/<int:course_id>/", views.course_detail, name="course_detail"),
]
