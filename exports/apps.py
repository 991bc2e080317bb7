from django.apps import AppConfig


class ExportsConfig(AppConfig):
    """Data leaving or entering the service in standard formats: FHIR, the Talking Therapies
    extract, calendar feeds and subject access requests."""

    name = "exports"
    verbose_name = "Exports and imports in standard formats"

    def ready(self) -> None:
        from audit import imports, reads
        from exports.fhir_import import READER

        imports.register(READER)

        # A subject access request names one client's record (the access audit records reads).
        reads.register("sar_id", "exports.SubjectAccessRequest", "client_id")
