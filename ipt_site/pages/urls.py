"""Pages composed from several features. They keep their names in the ``cases`` namespace
(``cases:caseload``, ``cases:course_detail``): ipt_site/urls.py serves them with cases' own."""

from django.urls import path

from ipt_site.pages import caseload, course

urlpatterns = [
    path("caseload/", caseload.caseload, name="caseload"),
    path("courses/<int:course_id>/", course.course_detail, name="course_detail"),
]
