from django.urls import path

from client_area import diary_views, questionnaire_views, views

app_name = "client_area"

# Served under /client/ (ipt_site/urls.py). Staff pages about client links live in
# client_area/staff_urls.py, under the course.
urlpatterns = [
    path("", views.home, name="home"),
    path("start/<str:token>/", views.start, name="start"),
    path("diary/", diary_views.diary, name="diary"),
    path("diary/task/", diary_views.task, name="diary_task"),
    path("diary/<int:entry_id>/", diary_views.entry, name="diary_entry"),
    path("my-plans/", diary_views.my_plans, name="my_plans"),
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
