from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        # Every app's admin pages are registered by now (the admin app comes first and
        # discovers them in its own ready()): make sure each one is audited.
        from django.contrib import admin

        from audit import checks  # noqa: F401 - registers the deployment checks
        from audit.admin import audit_every_admin

        audit_every_admin(admin.site)
