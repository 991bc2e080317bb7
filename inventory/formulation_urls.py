from django.urls import path

from inventory import formulation_views as views

app_name = "formulation"
urlpatterns = [
    path("courses/<int:course_id>/formulation/", views.formulation_page, name="page"),
    path("courses/<int:course_id>/formulation/save/", views.formulation_save, name="save"),
    path("courses/<int:course_id>/formulation/share/", views.formulation_share, name="share"),
    path("courses/<int:course_id>/formulation/confirm/", views.formulation_confirm, name="confirm"),
    path(
        "courses/<int:course_id>/formulation/v<int:number>/",
        views.formulation_version,
        name="version",
    ),
    path("courses/<int:course_id>/formulation.pdf", views.formulation_pdf, name="pdf"),
]
