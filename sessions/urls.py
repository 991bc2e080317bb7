from django.urls import path

from sessions import appointment_views, staying_well, views
from sessions.views import maintenance

app_name = "sessions"
urlpatterns = [
    path("sessions/<int:session_id>/", views.detail, name="detail"),
    path("sessions/<int:session_id>/edit/", views.edit, name="edit"),
    path("sessions/<int:session_id>/autosave/", views.autosave, name="autosave"),
    path("sessions/<int:session_id>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:session_id>/sign/", views.sign, name="sign"),
    path("sessions/<int:session_id>/addenda/", views.addendum, name="addendum"),
    path("sessions/<int:session_id>/void/", views.void, name="void"),
    path("sessions/<int:session_id>/records/<slug:kind>/", views.add_record, name="add_record"),
    path(
        "sessions/<int:session_id>/records/<slug:kind>/<int:record_id>/",
        views.edit_record,
        name="edit_record",
    ),
    path("sessions/<int:session_id>/plans/<slug:kind>/", views.save_plan, name="save_plan"),
    path("courses/<int:course_id>/sessions/record/", views.record_chooser, name="record"),
    path("courses/<int:course_id>/sessions/extra/", views.add_extra, name="add_extra"),
    path(
        "courses/<int:course_id>/maintenance/new/",
        maintenance.maintenance_create,
        name="maintenance_create",
    ),
    path(
        "courses/<int:course_id>/boosters/new/", maintenance.booster_create, name="booster_create"
    ),
    path(
        "courses/<int:course_id>/appointments/<int:appointment_id>/move/",
        appointment_views.appointment_move,
        name="appointment_move",
    ),
    path(
        "courses/<int:course_id>/for-the-client/staying-well.pdf",
        staying_well.staying_well_pdf,
        name="staying_well",
    ),
]
