"""Pages composed from several features. They keep the names they had in their app's namespace
(``cases:caseload``, ``cases:course_detail``, ``measures:summary_pdf``): ipt_site/urls.py serves
them with that app's own URLs."""

from django.urls import path

from ipt_site.pages import caseload, course, summary

urlpatterns = [
    path("caseload/", caseload.caseload, name="caseload"),
    path("courses/<int:course_id>/", course.course_detail, name="course_detail"),
]

measures_urlpatterns = [
    path("courses/<int:course_id>/summary.pdf", summary.summary_pdf, name="summary_pdf"),
]
