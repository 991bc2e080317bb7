import pytest
from django.urls import reverse

from audit.models import AuditEvent
from cases.focal_areas import FocalArea
from sessions import services
from sessions.models import FocalAreaWork, NoteStatus, Session
from tests import factories
from tests.sessions.conftest import note_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, therapist):
    client.force_login(therapist)
    return client


def _edit(session):
    return reverse("sessions:edit", args=[session.pk])


def _autosave(session):
    return reverse("sessions:autosave", args=[session.pk])


def test_it_shows_the_initial_phase_items_in_session_one(signed_in, session):
    response = signed_in.get(_edit(session))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Initial phase" in body and "Sick role explained" in body
    assert 'id="communication-heading"' not in body
    assert f'hx-post="{_autosave(session)}"' in body


def test_it_saves_the_full_form_and_ticks_initial_items(signed_in, session, therapist):
    person = factories.make_person(session.course, name="Maria")
    data = note_data(
        session,
        diagnosis_given="on",
        psychoeducation_given="on",
        sick_role_explained="on",
        people_involved=[person.pk],
    )
    response = signed_in.post(_edit(session), data)
    assert response.status_code == 302
    saved = Session.objects.get(pk=session.pk)
    assert saved.diagnosis_given and saved.psychoeducation_given and saved.sick_role_explained
    assert saved.risk_asked is True and saved.mood_rating == 4
    assert saved.techniques == ["communication_analysis", "role_play"]
    assert list(saved.people_involved.all()) == [person]
    assert saved.version == 2


def test_a_mood_outside_0_to_10_is_refused_at_the_field_keeping_the_text(signed_in, session):
    response = signed_in.post(_edit(session), note_data(session, mood_rating="11"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mood is rated from 0 to 10" in body
    assert "Low after a row with her sister" in body
    assert Session.objects.get(pk=session.pk).mood_rating is None


def test_autosave_answers_with_the_status_partial_and_new_version(signed_in, session):
    response = signed_in.post(
        _autosave(session), note_data(session, note="Typed so far"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Draft saved at" in body
    assert 'name="version" value="2"' in body and 'hx-swap-oob="true"' in body
    assert "<html" not in body and "Clinical note" not in body
    assert Session.objects.get(pk=session.pk).note == "Typed so far"


def test_autosave_with_a_bad_rating_says_why_and_saves_nothing(signed_in, session):
    response = signed_in.post(
        _autosave(session), note_data(session, mood_rating="-1"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    assert Session.objects.get(pk=session.pk).version == 1


def test_a_stale_autosave_shows_both_texts_and_overwrites_nothing(signed_in, session):
    signed_in.post(_autosave(session), note_data(session, note="Tab one wrote this"))
    response = signed_in.post(
        _autosave(session),
        note_data(session, note="Tab two wrote this"),  # still version 1
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Saved elsewhere in the meantime" in body
    assert "Tab one wrote this" in body and "Tab two wrote this" in body
    assert Session.objects.get(pk=session.pk).note == "Tab one wrote this"


def test_a_stale_full_save_is_a_409_keeping_the_typed_text(signed_in, session):
    signed_in.post(_autosave(session), note_data(session, note="Tab one"))
    response = signed_in.post(_edit(session), note_data(session, note="Tab two"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Tab one" in body and "\nTab two</textarea>" in body
    assert "take_over_version" in body


def test_keep_mine_replaces_the_saved_version_deliberately(signed_in, session):
    signed_in.post(_autosave(session), note_data(session, note="Tab one"))
    response = signed_in.post(
        _edit(session), note_data(session, note="Tab two", take_over_version="2")
    )
    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).note == "Tab two"


def test_the_same_text_saved_twice_is_not_a_conflict(signed_in, session):
    signed_in.post(_autosave(session), note_data(session))
    response = signed_in.post(_edit(session), note_data(session))
    assert response.status_code == 302


def test_editing_a_signed_note_is_refused_by_form_and_raw_post(signed_in, session, therapist):
    session = services.save_note(
        session, therapist, services.NoteChanges(fields={"note": "Final"}), expected_version=1
    )
    session = services.sign_session(session, therapist)
    assert signed_in.get(_edit(session)).status_code == 409
    for url in (_edit(session), _autosave(session)):
        response = signed_in.post(url, note_data(session, note="Changed after signing"))
        assert response.status_code == 409
        assert "signed and can no longer change" in response.content.decode()
    response = signed_in.post(
        _autosave(session), note_data(session, note="x"), HTTP_HX_REQUEST="true"
    )
    assert "signed and can no longer change" in response.content.decode()
    assert Session.objects.get(pk=session.pk).note == "Final"


def test_the_middle_phase_shows_all_focal_prompts_without_a_formulation(signed_in, middle_session):
    body = signed_in.get(_edit(middle_session)).content.decode()
    for area in FocalArea:
        assert area.label in body
    assert "No focal area has been chosen" in body
    assert "Communication analysis" in body and "Role play" in body
    assert "Decision analysis" in body


def test_the_middle_phase_prompts_for_the_chosen_areas(signed_in, middle_session, monkeypatch):
    from inventory import formulation_progress

    monkeypatch.setattr(
        formulation_progress,
        "current_focal_areas",
        lambda course: ("role_dispute", None),
        raising=False,
    )
    body = signed_in.get(_edit(middle_session)).content.decode()
    assert "Role dispute" in body and "Stage of the dispute" in body
    assert "Mourning the relationship" not in body


def test_focal_work_is_stored_with_its_area(signed_in, middle_session):
    data = note_data(
        middle_session,
        **{
            "fa-role_dispute-dispute_with": "Husband",
            "fa-role_dispute-dispute_stage": "impasse",
            "fa-role_dispute-client_expectations": "Shares the night feeds",
        },
    )
    assert signed_in.post(_edit(middle_session), data).status_code == 302
    work = FocalAreaWork.objects.get(session=middle_session)
    assert work.area == "role_dispute" and work.dispute_stage == "impasse"


def test_it_adds_a_communication_analysis_with_htmx(signed_in, middle_session):
    url = reverse("sessions:add_record", args=[middle_session.pk, "communication"])
    response = signed_in.post(
        url,
        {
            "communication-scene": "Kitchen, Sunday evening, already tired",
            "communication-exchange": "Me: 'You never help.' Him: 'Here we go.'",
            "communication-role_played": "on",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kitchen, Sunday evening" in body and "<html" not in body
    record = middle_session.communication_analyses.get()
    assert record.role_played
    assert AuditEvent.objects.filter(action="session.communication.create").exists()


def test_a_record_missing_its_required_text_says_so(signed_in, middle_session):
    url = reverse("sessions:add_record", args=[middle_session.pk, "roleplay"])
    response = signed_in.post(url, {"roleplay-with_whom": "Boss"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not middle_session.role_plays.exists()


def test_it_adds_a_role_play_without_javascript(signed_in, middle_session):
    url = reverse("sessions:add_record", args=[middle_session.pk, "roleplay"])
    response = signed_in.post(url, {"roleplay-rehearsed": "Asking for a day off"})
    assert response.status_code == 302 and response.url.endswith("#roleplay")
    assert middle_session.role_plays.get().rehearsed == "Asking for a day off"


def test_an_unknown_record_kind_is_404(signed_in, middle_session):
    url = reverse("sessions:add_record", args=[middle_session.pk, "tarot"])
    assert signed_in.post(url, {}).status_code == 404


@pytest.fixture
def termination_session(therapist):
    course = factories.make_course(therapist=therapist, planned_sessions=12)
    for _ in range(10):
        factories.make_session(course)
    return course.sessions.get(number=10)


def test_the_termination_phase_asks_about_ending_and_plans(signed_in, termination_session):
    body = signed_in.get(_edit(termination_session)).content.decode()
    assert "Sessions remaining discussed" in body and "Feelings about ending" in body
    assert "Relapse-prevention plan" in body and "Follow-up plan" in body


def test_the_relapse_plan_saves_on_the_course_with_htmx(signed_in, termination_session):
    url = reverse("sessions:save_plan", args=[termination_session.pk, "relapse"])
    response = signed_in.post(
        url,
        {"relapse-version": "1", "relapse-warning_signs": "Stops answering texts"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Saved" in response.content.decode()
    plan = termination_session.course.relapse_plan
    assert plan.warning_signs == "Stops answering texts" and plan.version == 2


def test_a_stale_plan_save_keeps_both(signed_in, termination_session):
    url = reverse("sessions:save_plan", args=[termination_session.pk, "relapse"])
    signed_in.post(url, {"relapse-version": "1", "relapse-warning_signs": "First"})
    response = signed_in.post(url, {"relapse-version": "1", "relapse-warning_signs": "Second"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "First" in body and "\nSecond</textarea>" in body
    assert termination_session.course.relapse_plan.warning_signs == "First"


def test_it_opens_an_unattended_session_at_its_attendance_part(signed_in, course):
    from tests.sessions.conftest import scheduled

    planned = scheduled(course)
    response = signed_in.get(_edit(planned))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Did the session take place?" in body
    assert 'id="session-note"' not in body


def test_signing_from_the_note_page(signed_in, session, therapist):
    services.save_note(
        session, therapist, services.NoteChanges(fields={"note": "Seen."}), expected_version=1
    )
    response = signed_in.post(reverse("sessions:sign", args=[session.pk]))
    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).status == NoteStatus.SIGNED


def test_signing_an_empty_note_explains_and_keeps_the_draft(signed_in, session):
    response = signed_in.post(reverse("sessions:sign", args=[session.pk]), follow=True)
    assert "The note is empty" in response.content.decode()
    assert Session.objects.get(pk=session.pk).status == NoteStatus.DRAFT


def test_autosave_of_an_appointment_not_yet_held_is_refused(signed_in, course):
    from tests.sessions.conftest import scheduled

    planned = scheduled(course)
    response = signed_in.post(_autosave(planned), note_data(planned))
    assert response.status_code == 409
    assert Session.objects.get(pk=planned.pk).note == ""


def test_session_one_shows_what_the_inventory_and_formulation_already_show(
    signed_in, session, monkeypatch
):
    import datetime

    from cases.evidence import Evidence
    from inventory import progress

    monkeypatch.setattr(
        progress,
        "inventory_taken",
        lambda course: Evidence(datetime.date(2026, 3, 2), "Inventory", "/inv/"),
    )
    body = signed_in.get(_edit(session)).content.decode()
    assert 'href="/inv/"' in body and "2 Mar 2026" in body
    assert "Focal area chosen" in body


def _roleplay(session, therapist):
    return services.add_record(session, therapist, "roleplay", {"rehearsed": "Asking for help"})


def test_a_record_of_a_draft_can_be_corrected(signed_in, middle_session, therapist):
    record = _roleplay(middle_session, therapist)
    url = reverse("sessions:edit_record", args=[middle_session.pk, "roleplay", record.pk])
    assert signed_in.get(url).status_code == 200
    response = signed_in.post(
        url, {"version": "1", "roleplay-rehearsed": "Asking her boss for help"}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.rehearsed == "Asking her boss for help" and record.version == 2
    assert AuditEvent.objects.filter(action="session.roleplay.update").exists()


def test_a_stale_record_correction_shows_both(signed_in, middle_session, therapist):
    record = _roleplay(middle_session, therapist)
    url = reverse("sessions:edit_record", args=[middle_session.pk, "roleplay", record.pk])
    signed_in.post(url, {"version": "1", "roleplay-rehearsed": "First correction"})
    response = signed_in.post(url, {"version": "1", "roleplay-rehearsed": "Second correction"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "First correction" in body and "\nSecond correction</textarea>" in body
    record.refresh_from_db()
    assert record.rehearsed == "First correction"


def test_a_record_of_a_signed_note_cannot_be_corrected(signed_in, middle_session, therapist):
    record = _roleplay(middle_session, therapist)
    Session.objects.filter(pk=middle_session.pk).update(status=NoteStatus.SIGNED)
    url = reverse("sessions:edit_record", args=[middle_session.pk, "roleplay", record.pk])
    response = signed_in.post(url, {"version": "1", "roleplay-rehearsed": "Changed"})
    assert response.status_code == 409
    record.refresh_from_db()
    assert record.rehearsed == "Asking for help"


def test_a_record_of_another_session_is_404(signed_in, middle_session, session, therapist):
    record = _roleplay(middle_session, therapist)
    url = reverse("sessions:edit_record", args=[session.pk, "roleplay", record.pk])
    assert signed_in.get(url).status_code == 404


@pytest.mark.parametrize("people", [1, 25])
def test_autosave_work_does_not_grow_with_the_inventory(
    signed_in, session, people, django_assert_max_num_queries
):
    chosen = [factories.make_person(session.course).pk for _ in range(people)]
    data = note_data(session, people_involved=chosen)
    # 21 with the real inventory and formulation checklist evidence (one query each), the
    # signed-in user read with the session, plus one to append to the audit chain (its head is
    # read with the note's row).
    with django_assert_max_num_queries(22):
        response = signed_in.post(_autosave(session), data, HTTP_HX_REQUEST="true")
    assert "Draft saved at" in response.content.decode()


def test_an_htmx_record_with_errors_comes_back_as_the_open_section(signed_in, middle_session):
    url = reverse("sessions:add_record", args=[middle_session.pk, "decision"])
    response = signed_in.post(url, {"decision-options": "Stay or move"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "This field is required" in body and "<details open>" in body
    assert "\nStay or move</textarea>" in body


def test_signing_with_htmx_redirects_the_page(signed_in, session, therapist):
    services.save_note(
        session, therapist, services.NoteChanges(fields={"note": "Seen."}), expected_version=1
    )
    response = signed_in.post(reverse("sessions:sign", args=[session.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse("sessions:detail", args=[session.pk])
