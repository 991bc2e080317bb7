from django.urls import path

from exports.views import calendar, extract, fhir, subject_access

app_name = "exports"

urlpatterns = [
    path("courses/<int:course_id>/export/fhir/", fhir.course_fhir, name="course_fhir"),
    path("calendar/", calendar.calendar_settings, name="calendar"),
    path("calendar/turn-on/", calendar.calendar_turn_on, name="calendar_turn_on"),
    path("calendar/turn-off/", calendar.calendar_turn_off, name="calendar_turn_off"),
    path("calendar/<str:token>.ics", calendar.calendar_ics, name="calendar_ics"),
    path(
        "service/exports/talking-therapies/",
        extract.talking_therapies,
        name="talking_therapies",
    ),
    path("service/exports/fhir/", fhir.service_fhir, name="service_fhir"),
    path(
        "clients/<int:client_id>/subject-access/",
        subject_access.client_requests,
        name="sar_client",
    ),
    path("subject-access/<int:sar_id>/", subject_access.sar_review, name="sar_review"),
    path("subject-access/<int:sar_id>/record.pdf", subject_access.sar_pdf, name="sar_pdf"),
    path("subject-access/<int:sar_id>/record.json", subject_access.sar_json, name="sar_json"),
]
