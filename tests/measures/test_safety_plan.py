import pytest
from django.urls import reverse

from audit.models import AuditEvent
from measures.models import SafetyPlan

pytestmark = pytest.mark.django_db

SECTIONS = {
    "warning_signs": "Staying in bed, not answering the phone",
    "coping_strategies": "Walk the dog",
    "social_distractions": "Cafe with my sister",
    "help_contacts": "Sister 07700 900123",
    "professional_contacts": "GP; crisis line",
    "safer_environment": "Tablets kept by my partner",
}


def edit_url(course):
    return reverse("measures:safety_plan_edit", args=[course.pk])


def test_it_writes_and_updates_the_safety_plan_with_versions(client, therapist, course):
    client.force_login(therapist)
    assert client.post(edit_url(course), SECTIONS).status_code == 302
    plan = SafetyPlan.objects.get()
    assert (plan.version, plan.coping_strategies) == (1, "Walk the dog")
    response = client.post(
        edit_url(course), {**SECTIONS, "coping_strategies": "Swim", "version": "1"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.version, plan.coping_strategies) == (2, "Swim")
    actions = list(
        AuditEvent.objects.filter(object_type="measures.safetyplan").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["safety_plan.create", "safety_plan.update"]


def test_it_refuses_a_stale_save_and_keeps_both_texts(client, therapist, course):
    client.force_login(therapist)
    client.post(edit_url(course), SECTIONS)
    client.post(edit_url(course), {**SECTIONS, "coping_strategies": "Tab one text", "version": "1"})
    response = client.post(
        edit_url(course), {**SECTIONS, "coping_strategies": "Tab two text", "version": "1"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone saved this safety plan after you opened it." in page
    assert "Tab two text" in page  # what this tab typed is kept
    assert "Tab one text" in page  # what was saved meanwhile is shown
    assert SafetyPlan.objects.get().coping_strategies == "Tab one text"


def test_it_shows_the_plan_read_only_to_the_supervisor(client, therapist, supervisor, course):
    client.force_login(therapist)
    client.post(edit_url(course), SECTIONS)
    client.force_login(supervisor)
    page = client.get(reverse("measures:safety_plan", args=[course.pk])).content.decode()
    assert "Walk the dog" in page
    assert edit_url(course) not in page
