from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_trainee", "supervisor"]
    list_filter = ["role", "is_trainee", "is_active"]
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
