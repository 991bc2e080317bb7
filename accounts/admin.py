from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor, services
from accounts.models import User

# Devices are reset through the user's page (which also ends their sessions), never edited.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.deactivate(obj, by=request.user)
            super().save_model(request, obj, form, change)
            messages.info(request, f"{obj} is deactivated and signed out everywhere.")
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="Reset second sign-in step (lost phone): enrol again, sign out now")
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            second_factor.reset(user, by=request.user)
        messages.success(request, f"Reset for {queryset.count()} user(s).")
