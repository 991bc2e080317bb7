"""A member's own record: their group sessions, and nothing of other members beyond first names."""

import pytest
from django.urls import reverse

from groups.models import Membership
from groups.redaction import OtherMember, redact_for
from tests.formulation.test_pdf import pdf_text
from tests.groups.group_factories import make_group, member_post

pytestmark = pytest.mark.django_db


def _held_group(client, therapist):
    group = make_group(lead=therapist)
    members = list(Membership.objects.of_group(group))
    gs = group.sessions.get(number=1)
    b = members[1].course.client
    process = (
        f"{members[0].course.client.given_name} offered {b.given_name} {b.family_name} "
        f"an idea; {b.family_name} ({b.record_number}) tried it."
    )
    client.force_login(therapist)
    client.post(
        reverse("groups:session", args=[group.pk, 1]),
        member_post(gs, members, action="sign", **{"group-group_process": process}),
    )
    return group, members


def test_it_shows_the_group_session_in_each_members_course(client, therapist):
    group, members = _held_group(client, therapist)
    for m in members:
        html = client.get(reverse("cases:course_detail", args=[m.course_id])).content.decode()
        assert 'data-testid="course-group-panel"' in html
        assert f"Entry for {m.course.client.given_name} only" in html


def test_it_never_shows_another_members_entry_or_surname_in_a_members_course(client, therapist):
    group, members = _held_group(client, therapist)
    a, b = members[0], members[1]
    html = client.get(reverse("cases:course_detail", args=[a.course_id])).content.decode()
    assert f"Entry for {b.course.client.given_name} only" not in html
    assert f"Area work of {b.course.client.given_name}" not in html
    assert b.course.client.family_name not in html
    assert b.course.client.record_number not in html
    assert f"offered {b.course.client.given_name} an idea" in html  # first name kept


def test_it_never_shows_another_members_entry_in_a_members_pdf(client, therapist):
    group, members = _held_group(client, therapist)
    a, b = members[0], members[1]
    response = client.get(reverse("groups:member_pdf", args=[a.course_id]))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    assert f"Entry for {a.course.client.given_name} only" in text
    assert f"Entry for {b.course.client.given_name}" not in text
    assert b.course.client.family_name not in text


def test_it_refuses_the_member_pdf_to_another_therapist(client, therapist, other_therapist):
    group, members = _held_group(client, therapist)
    client.force_login(other_therapist)
    assert client.get(reverse("groups:member_pdf", args=[members[0].course_id])).status_code == 404


def test_it_redacts_full_names_surnames_and_record_numbers_but_keeps_first_names():
    other = OtherMember("Bram", "Bram", "Okoye", "RN77")
    text = "Bram Okoye helped; okoye (RN77) smiled. Bramble stayed."
    assert (
        redact_for(text, [other]) == "Bram helped; [withheld] ([withheld]) smiled. Bramble stayed."
    )


def test_it_uses_a_preferred_name_as_the_first_name():
    other = OtherMember("Ben", "Benedict", "Ray", "")
    assert redact_for("Benedict Ray spoke", [other]) == "Ben spoke"
