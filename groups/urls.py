from django.urls import path

from groups import autosave_views, setup_views, views

app_name = "groups"
urlpatterns = [
    path("groups/", views.group_list, name="list"),
    path("groups/start/", setup_views.group_start, name="start"),
    path("groups/<int:group_id>/", views.group_detail, name="detail"),
    path("groups/<int:group_id>/members/add/", setup_views.member_add, name="member_add"),
    path("groups/<int:group_id>/sessions/<int:number>/", views.group_session, name="session"),
    path(
        "groups/<int:group_id>/sessions/<int:number>/autosave/",
        autosave_views.group_session_autosave,
        name="session_autosave",
    ),
    path(
        "groups/<int:group_id>/members/<int:membership_id>/leave/",
        views.member_leave,
        name="member_leave",
    ),
    path("courses/<int:course_id>/group-record.pdf", views.member_record_pdf, name="member_pdf"),
]
