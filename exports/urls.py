from django.urls import path

from exports.views import calendar, extract, fhir

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
]
