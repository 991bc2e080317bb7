from cases.models.clients import Client
from cases.models.courses import Course, CourseTransfer
from cases.models.endings import CourseEnding
from cases.models.initial_records import LengthAgreement, SickRoleEntry, SuitabilityRecord

__all__ = [
    "Client",
    "Course",
    "CourseEnding",
    "CourseTransfer",
    "LengthAgreement",
    "SickRoleEntry",
    "SuitabilityRecord",
]
