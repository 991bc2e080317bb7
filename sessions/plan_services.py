"""Writing the course's relapse-prevention and follow-up plans: atomic, versioned, audited."""

from django.db import transaction

from audit import trail
from cases.models import Course
from sessions import plans
from sessions.errors import NotAllowed, StaleVersion
from sessions.models import FollowUpPlan, RelapsePreventionPlan

PLAN_MODELS = {"relapse": RelapsePreventionPlan, "followup": FollowUpPlan}


@transaction.atomic
def save_course_plan(course: Course, by, kind: str, values: dict, *, expected_version: int):
    """Save the relapse-prevention or follow-up plan, refusing a stale version."""
    if course.therapist_id != getattr(by, "pk", None):
        raise NotAllowed("Only the course's therapist can change its plans.")
    model = PLAN_MODELS[kind]
    plan, _ = model.objects.select_for_update().get_or_create(course=course)
    if plan.version != expected_version:
        raise StaleVersion(plan)
    for name, value in values.items():
        setattr(plan, name, value)
    plan.version += 1
    plan.save()
    # Every save is kept: a termination note signed with an earlier version still shows it.
    plans.snapshot(plan, by)
    trail.record(
        by,
        f"course.{kind}_plan.update",
        plan,
        client=course.client,
        detail={"version": plan.version},
    )
    return plan
