from cases.models.clients import Client
from cases.models.courses import Course, CourseTransfer

__all__ = ["Client", "Course", "CourseTransfer"]
