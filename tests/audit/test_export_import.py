"""Nothing lost: a complete dump restores into an empty database, record for record."""

import json

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from audit import records
from audit.models import AuditEvent
from audit.trail import record
from sessions.models import NoteStatus
from tests import database
from tests.factories import make_course, make_person, make_session
from tests.second_factor import app_device

NULL = open("/dev/null", "w")  # noqa: SIM115


def dump_objects(path) -> list[dict]:
    return json.loads(path.read_text())["objects"]


def every_row() -> dict:
    """Every stored value of every exported model (audit rows about the dump itself aside)."""
    rows = {}
    for model in records.record_models():
        queryset = model._base_manager.order_by("pk")
        if model is AuditEvent:
            queryset = queryset.exclude(action__startswith="data.")
        rows[model._meta.label_lower] = list(queryset.values_list())
    return rows


def without_data_audit(objects: list[dict]) -> list[dict]:
    return [
        o
        for o in objects
        if not (o["model"] == "audit.auditevent" and o["fields"]["action"].startswith("data."))
    ]


@pytest.mark.django_db(transaction=True)
def test_it_round_trips_the_demo_data_record_for_record(tmp_path, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=NULL)
    therapist = User.objects.get(username="therapist1")
    course = make_course(therapist=therapist)
    make_session(course, note="Talked about the move. <b>not bold</b>", status=NoteStatus.SIGNED)
    make_person(course)
    app_device(therapist)
    from accounts.second_factor import new_recovery_codes

    new_recovery_codes(therapist)
    record(therapist, "view", course, client=course.client, detail={"path": "/x/"})

    rows_before = every_row()
    first = tmp_path / "first.json"
    call_command("export_data", str(first), stdout=NULL)
    before = dump_objects(first)
    labels = {o["model"] for o in before}
    assert {"accounts.user", "cases.client", "cases.course", "session_logs.session"} <= labels
    assert {"inventory.person", "audit.auditevent", "otp_totp.totpdevice"} <= labels

    database.flush()  # as the owner: the runtime role may not empty tables
    assert not User.objects.exists()
    call_command("import_data", str(first), stdout=NULL)

    second = tmp_path / "second.json"
    call_command("export_data", str(second), stdout=NULL)
    after = dump_objects(second)
    assert without_data_audit(after) == without_data_audit(before)
    assert every_row() == rows_before
    restored = User.objects.get(username="therapist1")
    assert restored.check_password(settings.DEMO_PASSWORD)
    assert AuditEvent.objects.filter(action="data.import").count() == 1
    # New rows after a restore get fresh ids (sequences were moved past the imported ones).
    assert record(restored, "view").pk > max(
        o["pk"] for o in before if o["model"] == "audit.auditevent"
    )


@pytest.mark.django_db
def test_it_refuses_to_import_over_existing_records(tmp_path, therapist):
    path = tmp_path / "dump.json"
    records.export(path)
    with pytest.raises(CommandError, match="only restores into an empty"):
        call_command("import_data", str(path), stdout=NULL)


@pytest.mark.django_db
def test_it_refuses_a_file_that_is_not_an_export(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('[{"model": "accounts.user", "pk": 1, "fields": {}}]')
    with pytest.raises(CommandError, match="not an ipt-course export"):
        call_command("import_data", str(path), stdout=NULL)
