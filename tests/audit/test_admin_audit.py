"""Changes made in the Django admin are in the audit trail (issue 14, F5).

New users, role changes, supervisor reassignment, passwords set by an administrator, and
every add, change or delete in any registered admin page write an audit row naming the record.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import User
from audit.admin import AuditedAdmin
from audit.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

STRONG = "a long enough passphrase 42"


@pytest.fixture
def superuser(db):
    return factories.make_service_admin(
        username="root", is_staff=True, is_superuser=True, first_name="Ada", last_name="Admin"
    )


@pytest.fixture
def in_admin(client, superuser):
    client.force_login(superuser)
    return client


def _events(action, obj):
    return AuditEvent.objects.filter(
        action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    )


def test_every_registered_admin_page_is_audited():
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, AuditedAdmin), model._meta.label


def test_adding_a_user_in_the_admin_is_recorded(in_admin, superuser, supervisor):
    response = in_admin.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newbie",
            "usable_password": "true",
            "password1": STRONG,
            "password2": STRONG,
            "first_name": "New",
            "last_name": "Colleague",
            "role": "therapist",
            "supervisor": supervisor.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="newbie")
    event = _events("user.create", user).get()
    assert event.actor == superuser
    assert event.detail["role"] == "therapist" and event.detail["supervisor"] == supervisor.pk


def _change_data(user, **overrides) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "role": user.role,
        "supervisor": user.supervisor_id or "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_role_change_and_a_new_supervisor_are_recorded_with_before_and_after(
    in_admin, superuser, therapist, supervisor, other_supervisor
):
    response = in_admin.post(
        reverse("admin:accounts_user_change", args=[therapist.pk]),
        _change_data(therapist, supervisor=other_supervisor.pk, is_trainee="on"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = _events("user.change", therapist).get()
    assert event.actor == superuser
    assert event.detail["changes"]["supervisor"] == {
        "from": supervisor.pk,
        "to": other_supervisor.pk,
    }
    assert event.detail["changes"]["is_trainee"] == {"from": False, "to": True}

    in_admin.post(
        reverse("admin:accounts_user_change", args=[therapist.pk]),
        _change_data(
            User.objects.get(pk=therapist.pk), role="supervisor", supervisor="", is_trainee=None
        ),
    )
    latest = _events("user.change", therapist).order_by("-id").first()
    assert latest.detail["changes"]["role"] == {"from": "therapist", "to": "supervisor"}


def test_a_password_set_in_the_admin_is_recorded(in_admin, superuser, therapist):
    response = in_admin.post(
        reverse("admin:auth_user_password_change", args=[therapist.pk]),
        {"usable_password": "true", "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 302
    event = _events("user.password_set", therapist).get()
    assert event.actor == superuser
    assert STRONG not in str(event.detail)


def test_changes_in_other_admin_pages_are_recorded(in_admin, superuser):
    response = in_admin.post(reverse("admin:auth_group_add"), {"name": "Reception"})
    assert response.status_code == 302
    group = Group.objects.get(name="Reception")
    assert _events("admin.add", group).get().actor == superuser
    in_admin.post(reverse("admin:auth_group_change", args=[group.pk]), {"name": "Front desk"})
    assert _events("admin.change", group).get().detail["model"] == "auth.group"
    in_admin.post(reverse("admin:auth_group_delete", args=[group.pk]), {"post": "yes"})
    assert not Group.objects.exists()
    assert _events("admin.delete", group).get().detail["names"] == ["Front desk"]


def test_lifting_a_lockout_in_the_admin_is_recorded(in_admin, superuser):
    attempts = [
        AccessAttempt.objects.create(
            username=f"locked{n}", ip_address="192.0.2.1", failures_since_start=5
        )
        for n in range(2)
    ]
    response = in_admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [a.pk for a in attempts],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    deleted = AuditEvent.objects.filter(action="admin.delete", object_type="axes.accessattempt")
    assert {e.object_id for e in deleted} == {str(a.pk) for a in attempts}
