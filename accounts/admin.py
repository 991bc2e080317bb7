import datetime

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models, transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor, services
from accounts.models import User
from audit.admin import AuditedAdmin

# What a new account is given, recorded with its creation.
CREATED_WITH = ("role", "is_trainee", "supervisor", "is_staff", "is_superuser", "is_active")


def _plain(value):
    """A form value as the audit trail stores it: ids for records, text for dates."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple):
        return sorted(_plain(v) for v in value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


# Devices are reset through the user's page (which also ends their sessions), never edited.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_trainee", "supervisor"]
    list_filter = ["role", "is_trainee", "is_active"]
    actions = ["reset_second_factor"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("Clinical role", {"fields": ["role", "is_trainee", "supervisor"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (
            "Clinical role",
            {"fields": ["first_name", "last_name", "role", "is_trainee", "supervisor"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        if change:
            # What changed, before and after, for the audit row written by log_change.
            request.audit_user_changes = {
                name: {
                    "from": _plain(form.initial.get(name)),
                    "to": _plain(form.cleaned_data[name]),
                }
                for name in form.changed_data
                if name in form.cleaned_data and "password" not in name
            }
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.deactivate(obj, by=request.user)
            super().save_model(request, obj, form, change)
            messages.info(request, f"{obj} is deactivated and signed out everywhere.")
            return
        super().save_model(request, obj, form, change)

    def user_change_password(self, request, id, form_url=""):
        request.audit_password_form = True
        with transaction.atomic():
            return super().user_change_password(request, id, form_url)

    def audited(self, request, verb: str, obj, message) -> tuple[str, dict]:
        if verb == "add":
            return "user.create", {name: _plain(getattr(obj, name)) for name in CREATED_WITH}
        if getattr(request, "audit_password_form", False):
            # Never the password itself: only that an administrator set (or removed) one.
            return "user.password_set", {"usable": obj.has_usable_password()}
        return "user.change", {"changes": getattr(request, "audit_user_changes", {})}

    @admin.action(description="Reset second sign-in step (lost phone): enrol again, sign out now")
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            second_factor.reset(user, by=request.user)
        messages.success(request, f"Reset for {queryset.count()} user(s).")
