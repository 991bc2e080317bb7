"""The audit trail in the admin (read-only), and the audit of every change made in the admin.

Every registered admin page is an ``AuditedAdmin``: adds, changes (the password form
included) and deletes write an audit row naming the record, in the admin's own transaction.
Our own admins inherit it; those registered by other apps (groups, lockouts) are wrapped when
the audit app is ready (``audit_every_admin``), and a test checks none is missed.
"""

from django.contrib import admin

from audit import trail
from audit.models import AuditEvent


def _name(obj) -> str:
    return str(obj)[:200]


class AuditedAdmin:
    """Mix into a ``ModelAdmin``: what it adds, changes or deletes is in the audit trail."""

    def audited(self, request, verb: str, obj, message) -> tuple[str, dict]:
        """The audit action and detail for ``verb`` (add, change) on ``obj``."""
        return f"admin.{verb}", {
            "model": obj._meta.label_lower,
            "name": _name(obj),
            "message": message,
        }

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        action, detail = self.audited(request, "add", obj, message)
        trail.record(request.user, action, obj, detail=detail)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        action, detail = self.audited(request, "change", obj, message)
        trail.record(request.user, action, obj, detail=detail)
        return entry

    def log_deletions(self, request, queryset):
        # Called before the rows go: name them while they exist, in one insert.
        objects = list(queryset)
        entries = super().log_deletions(request, objects)
        if objects:
            trail.record_many(
                request.user,
                "admin.delete",
                [(obj, None) for obj in objects],
                detail={
                    "model": objects[0]._meta.label_lower,
                    "names": [_name(obj) for obj in objects[:100]],
                },
            )
        return entries


def audit_every_admin(site: admin.AdminSite) -> None:
    """Give every registered admin page that is not yet audited the audit (other apps')."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, AuditedAdmin):
            continue
        original = type(model_admin)
        audited = type(
            f"Audited{original.__name__}",
            (AuditedAdmin, original),
            {"__module__": original.__module__},
        )
        site.unregister(model)
        site.register(model, audited)


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "client", "ip"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
