from measures.views.documents import rhythm_record_pdf, safety_plan_pdf
from measures.views.questionnaires import (
    course_measures,
    response_detail,
    response_new,
    response_score,
    response_void,
)
from measures.views.rhythm import rhythm_week
from measures.views.risk import course_risk, flag_review, safety_plan, safety_plan_edit

__all__ = [
    "course_measures",
    "course_risk",
    "flag_review",
    "response_detail",
    "response_new",
    "response_score",
    "response_void",
    "rhythm_record_pdf",
    "rhythm_week",
    "safety_plan",
    "safety_plan_edit",
    "safety_plan_pdf",
]
