from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Clients and courses"

    def ready(self) -> None:
        from audit import reads

        # The clinical URL arguments this app's records answer to (audit/reads.py).
        reads.register("client_id", "cases.Client", "pk")
        reads.register("course_id", "cases.Course", "client_id")

        from audit import protection
        from cases.models import Client, Course, CourseTransfer
        from cases.models.initial_records import LengthAgreement, SickRoleEntry, SuitabilityRecord

        protection.never_deleted(Client, Course, CourseTransfer)
        # The initial-phase records are a history: a correction is a new row.
        for record in (SuitabilityRecord, LengthAgreement, SickRoleEntry):
            protection.append_only(record, "An initial-phase record is never changed or removed")
