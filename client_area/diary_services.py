"""Writes of the diary: each one atomic, with its audit row. The client is the actor None."""

from django.db import transaction
from django.utils import timezone

from audit.trail import record
from client_area.diary_models import DiaryEntry, DiaryPerson, TaskCheck
from inventory.models import Person
from sessions import services as session_services
from sessions.models import NoteStatus, Session

ENTRY_FIELDS = (
    "happened_on",
    "person",
    "who",
    "what_happened",
    "felt",
    "said",
    "wish_said",
    "mood",
)


def _client_audit(action: str, obj, course, link_id: int) -> None:
    record(None, action, obj, client=course.client_id, detail={"link": link_id})


def weekly_task(course) -> Session | None:
    """The last signed session of the course that set a task (the week's task), or None."""
    return (
        Session.objects.filter(course=course, voided_at__isnull=True)
        .filter(status__in=[NoteStatus.SIGNED, NoteStatus.COSIGNED])
        .exclude(next_task="")
        .order_by("-number", "-id")
        .first()
    )


@transaction.atomic
def add_entry(course, link_id: int, values: dict, corrects: DiaryEntry | None = None) -> DiaryEntry:
    """Add the client's entry; a correction points at the original, which stays as written."""
    fields = {name: values.get(name) for name in ENTRY_FIELDS}
    fields["who"] = fields["who"] or ""
    for name in ("felt", "said", "wish_said"):
        fields[name] = fields[name] or ""
    entry = DiaryEntry.objects.create(course=course, corrects=corrects, **fields)
    _client_audit(
        "client_diary.correct" if corrects else "client_diary.add", entry, course, link_id
    )
    return entry


@transaction.atomic
def check_task(course, link_id: int, session: Session, tried: bool, how_it_went: str) -> TaskCheck:
    check = TaskCheck.objects.create(
        course=course, session=session, tried=tried, how_it_went=how_it_went
    )
    _client_audit("client_task.check", check, course, link_id)
    return check


@transaction.atomic
def mark_reviewed(entry: DiaryEntry, by) -> DiaryEntry:
    entry = DiaryEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.reviewed_at is None:
        entry.reviewed_at = timezone.now()
        entry.reviewed_by = by
        entry.save(update_fields=["reviewed_at", "reviewed_by"])
        record(by, "client_diary.review", entry, client=entry.course.client_id)
    return entry


def analysis_values(entry: DiaryEntry) -> dict:
    """A communication analysis pre-filled from the entry, in the note's own fields."""
    who = entry.with_whom or "someone"
    scene = f"{entry.happened_on:%d %B %Y}, with {who}. {entry.what_happened}"
    return {
        "scene": f"{scene}\n(Mood that day: {entry.mood}/10, from the client's diary.)",
        "exchange": entry.said or "(Not written in the diary: go through it in session.)",
        "feelings": entry.felt,
        "alternatives": entry.wish_said,
    }


@transaction.atomic
def make_analysis(entry: DiaryEntry, session: Session, by):
    """Turn an entry into a communication analysis on a draft note, and mark it reviewed."""
    entry = DiaryEntry.objects.select_for_update().get(pk=entry.pk)
    analysis = session_services.add_record(session, by, "communication", analysis_values(entry))
    entry.analysis = analysis
    if entry.reviewed_at is None:
        entry.reviewed_at = timezone.now()
        entry.reviewed_by = by
    entry.save(update_fields=["analysis", "reviewed_at", "reviewed_by"])
    record(
        by,
        "client_diary.analysis",
        entry,
        client=entry.course.client_id,
        detail={"session": session.pk, "analysis": analysis.pk},
    )
    return analysis


@transaction.atomic
def share_people(course, by, chosen_ids: set[int]) -> None:
    """Offer exactly ``chosen_ids`` of the course's inventory people in the client's diary."""
    shares = {share.person_id: share for share in DiaryPerson.objects.filter(course=course)}
    for person in Person.objects.filter(course=course):
        share = shares.get(person.pk)
        wanted = person.pk in chosen_ids
        if share is None and wanted:
            DiaryPerson.objects.create(course=course, person=person, shared=True, updated_by=by)
        elif share is not None and share.shared != wanted:
            share.shared = wanted
            share.updated_by = by
            share.save(update_fields=["shared", "updated_by", "updated_at"])
    record(
        by,
        "client_diary.people",
        course,
        client=course.client_id,
        detail={"people": sorted(chosen_ids)},
    )
