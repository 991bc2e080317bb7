from django.urls import path

from cases.views import client_documents, clients, courses, endings, initial_records

app_name = "cases"
urlpatterns = [
    path("clients/", clients.client_search, name="client_search"),
    path("clients/new/", clients.client_create, name="client_create"),
    path("clients/<int:client_id>/", clients.client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", clients.client_edit, name="client_edit"),
    path("clients/<int:client_id>/archive/", clients.client_archive, name="client_archive"),
    path("clients/<int:client_id>/restore/", clients.client_restore, name="client_restore"),
    path("clients/<int:client_id>/courses/new/", courses.course_create, name="course_create"),
    path("courses/<int:course_id>/edit/", courses.course_edit, name="course_edit"),
    path("courses/<int:course_id>/start/", courses.course_start, name="course_start"),
    path("courses/<int:course_id>/complete/", endings.course_complete, name="course_complete"),
    path("courses/<int:course_id>/end-early/", endings.course_end_early, name="course_end_early"),
    path("courses/<int:course_id>/reopen/", endings.course_reopen, name="course_reopen"),
    path("courses/<int:course_id>/transfer/", courses.course_transfer, name="course_transfer"),
    path(
        "courses/<int:course_id>/suitability/",
        initial_records.suitability_record,
        name="course_suitability",
    ),
    path(
        "courses/<int:course_id>/agreed-length/",
        initial_records.length_agreement,
        name="course_length_agreement",
    ),
    path(
        "courses/<int:course_id>/sick-role/<slug:kind>/",
        initial_records.sick_role,
        name="course_sick_role",
    ),
    path(
        "courses/<int:course_id>/for-the-client/leaflet.pdf",
        client_documents.client_leaflet,
        name="client_leaflet",
    ),
    path(
        "courses/<int:course_id>/for-the-client/diary.pdf",
        client_documents.client_diary,
        name="client_diary",
    ),
]
