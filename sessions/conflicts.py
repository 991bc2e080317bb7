"""Showing a stale save side by side with what was saved in the meantime."""

from dataclasses import dataclass

from cases.goal_marks import GoalMark
from measures import instruments
from sessions import questionnaire_drafts
from sessions.goal_progress import GoalProgress
from sessions.models import FocalAreaWork, Session
from sessions.services import NOTE_FIELDS, NoteChanges
from sessions.techniques import TECHNIQUE_LABELS


@dataclass(frozen=True)
class ConflictRow:
    label: str
    theirs: str
    yours: str


def _shown(session_or_work, name: str, value) -> str:
    if value is None or value == "":
        return ""
    if name == "techniques":
        return ", ".join(TECHNIQUE_LABELS.get(code, code) for code in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    field = session_or_work._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _people_shown(people) -> str:
    return ", ".join(sorted(person.name for person in people))


def conflict_rows(
    current: Session, changes: NoteChanges, labels: dict[str, str]
) -> list[ConflictRow]:
    """Every part of the note a save would change where the saved note and the typed one differ.

    A save writes the note's fields, the people involved and the focal-area work; each of them
    is compared here, so a stale save that differs only in, say, the people ticked is a
    conflict too, never a silent overwrite.
    """
    yours, focal_yours = changes.fields, changes.focal_work
    rows = []
    for name in NOTE_FIELDS:
        if name not in yours:
            continue
        theirs_text = _shown(current, name, getattr(current, name))
        yours_text = _shown(current, name, yours[name])
        if theirs_text != yours_text:
            label = labels.get(name) or str(current._meta.get_field(name).verbose_name)
            rows.append(ConflictRow(label, theirs_text, yours_text))
    if changes.people is not None:
        saved_people = list(current.people_involved.all())
        if {p.pk for p in saved_people} != {p.pk for p in changes.people}:
            label = labels.get("people_involved") or "People involved"
            rows.append(
                ConflictRow(label, _people_shown(saved_people), _people_shown(changes.people))
            )
    saved = {work.area: work for work in FocalAreaWork.objects.filter(session=current)}
    for area, values in focal_yours.items():
        work = saved.get(area) or FocalAreaWork(session=current, area=area)
        for name, value in values.items():
            if name == "people":
                theirs_text = _people_shown(work.people.all()) if work.pk else ""
                yours_text = _people_shown(value)
                label = f"{work.get_area_display()}: People involved"
            else:
                theirs_text = _shown(work, name, getattr(work, name))
                yours_text = _shown(work, name, value)
                verbose = work._meta.get_field(name).verbose_name.capitalize()
                label = f"{work.get_area_display()}: {verbose}"
            if theirs_text != yours_text:
                rows.append(ConflictRow(label, theirs_text, yours_text))
    rows.extend(_goal_rows(current, changes))
    rows.extend(_draft_rows(current, changes))
    return rows


def _draft_rows(current: Session, changes: NoteChanges) -> list[ConflictRow]:
    """The answers of unfinished questionnaires, when this save would write them."""
    if not changes.questionnaire_drafts:
        return []
    saved = questionnaire_drafts.open_drafts(current)
    rows = []
    for code, answers in sorted(changes.questionnaire_drafts.items()):
        theirs = saved[code].answers if code in saved else {}
        if theirs != answers:
            instrument = instruments.get(code)
            label = f"{instrument.short_name} (not finished)"
            rows.append(
                ConflictRow(
                    label, _answers_shown(instrument, theirs), _answers_shown(instrument, answers)
                )
            )
    return rows


def _answers_shown(instrument, answers: dict[str, str]) -> str:
    if not answers:
        return ""
    shown = []
    for number, item in enumerate(instrument.items, start=1):
        if answers.get(item.key):
            labels = {option.code: option.label for option in item.options}
            shown.append(f"item {number}: {labels.get(answers[item.key], answers[item.key])}")
    return "; ".join(shown)


def _goal_rows(current: Session, changes: NoteChanges) -> list[ConflictRow]:
    """The goal-progress marks, when this save would write them."""
    if changes.goal_marks is None:
        return []
    saved = {g.goal_number: g.mark for g in GoalProgress.objects.filter(session=current)}
    names = dict(GoalMark.choices)
    rows = []
    for number, (_text, mark) in sorted(changes.goal_marks.items()):
        theirs, yours = names.get(saved.get(number, ""), ""), names.get(mark, "")
        if theirs != yours:
            rows.append(ConflictRow(f"Progress on goal {number}", theirs, yours))
    return rows
