from django.urls import path

from client_area import diary_staff

app_name = "client_area_staff"

# Staff pages about the client's diary (under the course and the session, like their pages).
urlpatterns = [
    path(
        "sessions/<int:session_id>/client-diary/<int:entry_id>/reviewed/",
        diary_staff.reviewed,
        name="diary_reviewed",
    ),
    path(
        "sessions/<int:session_id>/client-diary/<int:entry_id>/analysis/",
        diary_staff.to_analysis,
        name="diary_analysis",
    ),
    path(
        "courses/<int:course_id>/client-diary/people/",
        diary_staff.share_people,
        name="share_people",
    ),
]
