from cases.models.clients import Client
from cases.models.courses import Course, CourseTransfer
from cases.models.endings import CourseEnding

__all__ = ["Client", "Course", "CourseEnding", "CourseTransfer"]
