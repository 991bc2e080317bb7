"""What the inventory and timeline contribute to the course's initial-phase checklist.

Each function answers with ``Evidence`` or ``None`` (not done yet). Batch-friendly: callers on
list pages must not call these per row.
"""

from cases.evidence import Evidence


def inventory_taken(course) -> Evidence | None:
    return None  # The inventory issue fills this in.
