"""Demo users for ``manage.py seed_demo``. Idempotent: found by username, never duplicated."""

from django.conf import settings

from accounts.models import User

DEMO_USERS = [
    # username, first, last, role, trainee, supervised by
    ("supervisor", "Sarah", "Okafor", User.Role.SUPERVISOR, False, None),
    ("therapist1", "Tom", "Reyes", User.Role.THERAPIST, False, "supervisor"),
    ("therapist2", "Priya", "Shah", User.Role.THERAPIST, True, "supervisor"),
    ("serviceadmin", "Morgan", "Hale", User.Role.SERVICE_ADMIN, False, None),
    # A supervised non-specialist co-leading the demo group (groups/demo.py) with therapist1.
    ("facilitator1", "Lena", "Brooks", User.Role.FACILITATOR, True, "supervisor"),
]


def seed_users() -> dict[str, User]:
    users: dict[str, User] = {}
    for username, first, last, role, trainee, supervisor in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "is_trainee": trainee,
                "supervisor": users.get(supervisor) if supervisor else None,
                "is_staff": role == User.Role.SERVICE_ADMIN,
                "is_superuser": role == User.Role.SERVICE_ADMIN,
            },
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
            # Demo accounts may skip the second sign-in step, and only while DEBUG is on.
            user.mfa_exempt_in_debug = True
            user.save(update_fields=["password", "mfa_exempt_in_debug"])
        users[username] = user
    # Also for demo users made before the flag existed.
    User.objects.filter(username__in=users).update(mfa_exempt_in_debug=True)
    return users
