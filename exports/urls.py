from django.urls import path

from exports.views import fhir

app_name = "exports"

urlpatterns = [
    path("courses/<int:course_id>/export/fhir/", fhir.course_fhir, name="course_fhir"),
]
