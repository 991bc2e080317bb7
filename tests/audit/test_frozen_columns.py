"""Every column of a session note is either frozen by its signature or named as part of the
note's later life: a new column cannot slip past the database's signed-note rule unnoticed."""

from sessions.models import Session
from sessions.protection import COSIGN_COLUMNS, FROZEN_NOTE_COLUMNS, VOID_COLUMNS

# What may change after signing: the co-signature or return, voiding (once), the version
# check and the row's bookkeeping.
LATER_LIFE = {"id", "status", "version", "updated_at", *COSIGN_COLUMNS, *VOID_COLUMNS}


def test_it_freezes_every_column_of_a_signed_note_but_its_later_life():
    columns = {field.column for field in Session._meta.concrete_fields}
    assert columns - LATER_LIFE == set(FROZEN_NOTE_COLUMNS)
