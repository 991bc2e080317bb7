import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from client_area.diary_models import DiaryEntry, DiaryPerson
from sessions.models import CommunicationAnalysis, NoteStatus
from tests import factories

pytestmark = pytest.mark.django_db


def _entry(course, **fields) -> DiaryEntry:
    fields.setdefault("happened_on", timezone.localdate())
    fields.setdefault("who", "Sam")
    fields.setdefault("what_happened", "We argued about the rent.")
    fields.setdefault("said", "I said nothing and left the room.")
    fields.setdefault("felt", "Shut out.")
    fields.setdefault("wish_said", "I need us to plan the money together.")
    fields.setdefault("mood", 4)
    return DiaryEntry.objects.create(course=course, **fields)


def test_it_shows_new_entries_in_the_review_section(client, course):
    session = factories.make_session(course)
    _entry(course, what_happened="We argued about the rent.")
    reviewed = _entry(course, what_happened="Old news.")
    reviewed.reviewed_at, reviewed.reviewed_by = timezone.now(), course.therapist
    reviewed.save()
    client.force_login(course.therapist)
    page = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    assert "diary (1 new)" in page, page[page.find("client-diary") :][:300]
    assert "We argued about the rent." in page
    assert "Old news." not in page


def test_it_reads_the_review_section_in_a_fixed_number_of_queries(client, course):
    session = factories.make_session(course)
    client.force_login(course.therapist)
    _entry(course)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("sessions:edit", args=[session.pk]))
    for _ in range(8):
        _entry(course, person=factories.make_person(course))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("sessions:edit", args=[session.pk]))
    assert len(many) == len(few)


def test_it_marks_an_entry_reviewed(client, course):
    session = factories.make_session(course)
    entry = _entry(course)
    client.force_login(course.therapist)
    response = client.post(reverse("client_area_staff:diary_reviewed", args=[session.pk, entry.pk]))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.reviewed_by == course.therapist and entry.reviewed_at
    assert AuditEvent.objects.filter(action="client_diary.review").exists()


def test_it_turns_an_entry_into_a_prefilled_communication_analysis(client, course):
    session = factories.make_session(course)
    entry = _entry(course)
    client.force_login(course.therapist)
    response = client.post(reverse("client_area_staff:diary_analysis", args=[session.pk, entry.pk]))
    analysis = CommunicationAnalysis.objects.get(session=session)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "sessions:edit_record", args=[session.pk, "communication", analysis.pk]
    )
    assert "We argued about the rent." in analysis.scene
    assert analysis.exchange == "I said nothing and left the room."
    assert analysis.feelings == "Shut out."
    assert analysis.alternatives == "I need us to plan the money together."
    entry.refresh_from_db()
    assert entry.analysis == analysis and entry.reviewed_at is not None


def test_it_refuses_an_analysis_on_a_signed_note(client, course):
    session = factories.make_session(course, status=NoteStatus.SIGNED, note="Seen.")
    entry = _entry(course)
    client.force_login(course.therapist)
    response = client.post(reverse("client_area_staff:diary_analysis", args=[session.pk, entry.pk]))
    assert response.status_code == 403
    assert not CommunicationAnalysis.objects.exists()


def test_it_hides_entries_from_another_therapist(client, course, other_therapist):
    session = factories.make_session(course)
    entry = _entry(course)
    client.force_login(other_therapist)
    for name in ("diary_reviewed", "diary_analysis"):
        response = client.post(reverse(f"client_area_staff:{name}", args=[session.pk, entry.pk]))
        assert response.status_code == 404
    assert (
        client.get(reverse("client_area_staff:share_people", args=[course.pk])).status_code == 404
    )
    entry.refresh_from_db()
    assert entry.reviewed_at is None


def test_it_answers_404_for_an_entry_of_another_course(client, course):
    session = factories.make_session(course)
    theirs = _entry(factories.make_course(therapist=course.therapist))
    client.force_login(course.therapist)
    response = client.post(
        reverse("client_area_staff:diary_reviewed", args=[session.pk, theirs.pk])
    )
    assert response.status_code == 404


def test_the_supervisor_reads_but_cannot_review(client, course, supervisor):
    session = factories.make_session(course)
    entry = _entry(course)
    client.force_login(supervisor)
    page = client.get(reverse("sessions:detail", args=[session.pk]))
    assert page.status_code == 200
    response = client.post(reverse("client_area_staff:diary_reviewed", args=[session.pk, entry.pk]))
    assert response.status_code == 403


def test_it_lets_the_therapist_choose_the_people_shared(client, course):
    maria = factories.make_person(course, name="Maria Lopez")
    derek = factories.make_person(course, name="Derek Jones")
    client.force_login(course.therapist)
    url = reverse("client_area_staff:share_people", args=[course.pk])
    assert client.post(url, {"people": [maria.pk]}).status_code == 302
    assert list(DiaryPerson.objects.shared().values_list("person", flat=True)) == [maria.pk]
    assert client.post(url, {"people": [derek.pk]}).status_code == 302
    assert set(DiaryPerson.objects.shared().values_list("person", flat=True)) == {derek.pk}
    assert DiaryPerson.objects.count() == 2  # withdrawn, never removed


def test_the_dashboard_shows_diary_in_use_without_a_query_per_row(client, supervisor, therapist):
    courses = [factories.make_course(therapist=therapist) for _ in range(2)]
    _entry(courses[0])
    client.force_login(supervisor)
    url = reverse("supervision:dashboard")
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert page.count('data-testid="diary-in-use"') == 1
    for _ in range(4):
        course = factories.make_course(therapist=therapist)
        _entry(course)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count('data-testid="diary-in-use"') == 5
    assert len(many) == len(few)


def test_the_fhir_bundle_and_subject_access_include_the_diary(course):
    from exports import fhir_bundle, subject_access

    original = _entry(course)
    _entry(course, corrects=original, what_happened="It was about the car.")
    resources = fhir_bundle.course_resources(course)
    diary = [r for r in resources if r.get("code", {}).get("text", "").startswith("Interpersonal")]
    assert [r["valueString"] for r in diary] == [
        "We argued about the rent.",
        "It was about the car.",
    ]
    assert diary[1]["derivedFrom"][0]["reference"].endswith(diary[0]["id"])
    fhir_bundle.course_bundle(course)  # validates as FHIR
    record = subject_access.gather(course.client)
    labels = {section.model_label for section in record.sections}
    assert "client_area.diaryentry" in labels
