from django.urls import path

from supervision.views import dashboard, fidelity, log, reviews, service

app_name = "supervision"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("export.csv", dashboard.dashboard_csv, name="dashboard_csv"),
    path("closed/", dashboard.recently_closed, name="recently_closed"),
    path("service/", service.service, name="service"),
    # Course review
    path("courses/<int:course_id>/fidelity/", fidelity.fidelity, name="fidelity"),
    path("courses/<int:course_id>/ratings/new/", fidelity.rating_new, name="rating_new"),
    path(
        "courses/<int:course_id>/formulation/comments/",
        reviews.formulation_comment,
        name="formulation_comment",
    ),
    path("sessions/<int:session_id>/cosign/", reviews.cosign, name="cosign"),
    path("sessions/<int:session_id>/return/", reviews.return_note, name="return_note"),
    path("sessions/<int:session_id>/comments/", reviews.session_comment, name="session_comment"),
    # Supervision log
    path("log/", log.log_index, name="log_index"),
    path("log/<int:therapist_id>/", log.therapist_log, name="therapist_log"),
    path("log/<int:therapist_id>/new/", log.entry_new, name="entry_new"),
    path("log/<int:therapist_id>/log.pdf", log.log_pdf, name="log_pdf"),
    path("log/entries/<int:entry_id>/edit/", log.entry_edit, name="entry_edit"),
]
