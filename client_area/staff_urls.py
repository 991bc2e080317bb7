from django.urls import path

from client_area import staff_views

app_name = "client_links"

urlpatterns = [
    path("courses/<int:course_id>/client-link/", staff_views.issue, name="issue"),
    path(
        "courses/<int:course_id>/client-link/<int:link_id>/",
        staff_views.issued,
        name="issued",
    ),
    path(
        "courses/<int:course_id>/client-link/<int:link_id>/revoke/",
        staff_views.revoke,
        name="revoke",
    ),
    path("client-area/undelivered-notices/", staff_views.undelivered_notices, name="undelivered"),
]
