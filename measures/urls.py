from django.urls import path

from measures import views

app_name = "measures"
urlpatterns = [
    path("courses/<int:course_id>/measures/", views.course_measures, name="course_measures"),
    path("courses/<int:course_id>/measures/new/", views.response_new, name="response_new"),
    path("courses/<int:course_id>/measures/score/", views.response_score, name="response_score"),
    path("measures/<int:response_id>/", views.response_detail, name="response_detail"),
    path("measures/<int:response_id>/void/", views.response_void, name="response_void"),
    path("courses/<int:course_id>/rhythm/", views.rhythm_week, name="rhythm_week"),
    path("courses/<int:course_id>/social-rhythm.pdf", views.rhythm_record_pdf, name="rhythm_pdf"),
    path("courses/<int:course_id>/risk/", views.course_risk, name="course_risk"),
    path("risk-flags/<int:flag_id>/review/", views.flag_review, name="flag_review"),
    path("courses/<int:course_id>/safety-plan/", views.safety_plan, name="safety_plan"),
    path(
        "courses/<int:course_id>/safety-plan/edit/", views.safety_plan_edit, name="safety_plan_edit"
    ),
    path("courses/<int:course_id>/safety-plan.pdf", views.safety_plan_pdf, name="safety_plan_pdf"),
]
