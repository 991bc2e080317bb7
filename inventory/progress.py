"""What the inventory and timeline contribute to the course's initial-phase checklist.

Each function answers with ``Evidence`` or ``None`` (not done yet). Batch-friendly: callers on
list pages must not call these per row.
"""

from django.urls import reverse

from cases.evidence import Evidence
from cases.prepared_queries import PreparedQuery
from cases.presence import preloaded
from inventory.models import InventoryCompletion

# The course's completion row, as ``load_completion`` reads it, by SQL built once per process
# (the course page and the inventory page).
COMPLETION_QUERY = PreparedQuery(
    lambda course_id: InventoryCompletion.objects.filter(course_id=course_id).order_by("pk")[:1],
    planned_once=True,
)


def load_completion(course) -> InventoryCompletion | None:
    return InventoryCompletion.objects.filter(course=course).first()


def completion_for(course) -> InventoryCompletion | None:
    """The course's inventory completion: the one the page preloaded (the course page's
    checklist and inventory panel both show it), else read now."""
    return preloaded(course, "inventory_completion", lambda: load_completion(course))


def inventory_taken(course) -> Evidence | None:
    completion = completion_for(course)
    if completion is None:
        return None
    return Evidence(
        on=completion.completed_on,
        where=f"Interpersonal inventory ({completion.people_count} people)",
        url=reverse("inventory:page", args=[course.pk]),
    )
