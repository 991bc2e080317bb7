"""Deployment checks (``manage.py check --deploy``) for the audit trail's integrity settings."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def audit_integrity_settings(app_configs, **kwargs) -> list[checks.CheckMessage]:
    found = []
    if not getattr(settings, "AUDIT_CHAIN_KEY", ""):
        found.append(
            checks.Warning(
                "AUDIT_CHAIN_KEY is not set: the audit chain's key is derived from SECRET_KEY, "
                "so rotating SECRET_KEY would make every earlier audit row fail verify_audit.",
                hint="Set AUDIT_CHAIN_KEY to a long random secret and never change it.",
                id="audit.W001",
            )
        )
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("postgresql") and not getattr(settings, "DATABASE_OWNER", None):
        found.append(
            checks.Warning(
                "MIGRATE_DATABASE_URL is not set: the app's own role owns the tables, so the "
                "database cannot stop it from disabling the rules that protect signed notes "
                "and the audit trail.",
                hint="Create an owner role and a runtime role (README, Deploying).",
                id="audit.W002",
            )
        )
    return found
