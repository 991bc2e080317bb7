from django.urls import path

from client_area import questionnaire_views, views

app_name = "client_area"

# Served under /client/ (ipt_site/urls.py). Staff pages about client links live in
# client_area/staff_urls.py, under the course.
urlpatterns = [
    path("", views.home, name="home"),
    path("start/<str:token>/", views.start, name="start"),
]

urlpatterns += [
    path(
        "questionnaires/",
        questionnaire_views.questionnaire_list,
        name="questionnaires",
    ),
    path("questionnaires/<str:code>/", questionnaire_views.answer, name="questionnaire"),
    path(
        "questionnaires/sent/<int:response_id>/",
        questionnaire_views.sent,
        name="questionnaire_sent",
    ),
]
