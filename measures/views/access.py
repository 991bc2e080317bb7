"""How measures views fetch a course: the cases app's one access path (404 for records the user
may not see, 403 for writes by anyone but the treating therapist)."""

from cases.views.lookups import HtmxHttpRequest, editable_course, visible_course

READ_ONLY = "Only the treating therapist can change this course's records; you can read them."

__all__ = ["READ_ONLY", "HtmxHttpRequest", "editable_course", "visible_course"]
