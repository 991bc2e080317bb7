"""Session views, split by topic: the session page (attendance, note, questionnaires, signing),
the note's records and plans, and choosing which appointment to record."""

from sessions.views.access import SESSION_RELATED
from sessions.views.chooser import record_chooser
from sessions.views.page import attendance, autosave, detail, edit, sign
from sessions.views.records import (
    add_extra,
    add_record,
    addendum,
    edit_record,
    save_plan,
    void,
)

__all__ = [
    "SESSION_RELATED",
    "add_extra",
    "add_record",
    "addendum",
    "attendance",
    "autosave",
    "detail",
    "edit",
    "edit_record",
    "record_chooser",
    "save_plan",
    "sign",
    "void",
]
