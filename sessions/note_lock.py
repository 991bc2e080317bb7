"""The autosave's one read of the note: the session, locked, with where the audit chain ends.

Every keystroke's save starts here (``views.page.autosave``), then ``services.save_note`` with
``locked=True`` decides and writes in the same transaction.
"""

from django.db import connection, transaction

from audit import chain
from cases.prepared_queries import PreparedQuery
from sessions.models import Session

# The autosave's one read: the session (if ``user`` can see it) with its course and client,
# locked, and where the audit chain ends (the therapist is checked by id: no join). Its SQL
# is built once per process (``cases.prepared_queries``): Django built and compiled it afresh
# on every keystroke's save.
LOCK_FOR_NOTE_QUERY = PreparedQuery(
    lambda user, session_id: (
        Session.objects.visible_to(user)
        .select_for_update(of=("self", "course"))
        .select_related("course__client")
        .annotate(**chain.head_columns(connection))
        .filter(pk=session_id)
    )
)


def lock_for_note(user, session_id: int) -> Session:
    """Read a session ``user`` can see under a lock, inside the caller's transaction.

    The autosave reads the row once, locked, instead of a plain read followed by a locked one.
    """
    if connection.get_autocommit():
        raise transaction.TransactionManagementError("lock_for_note needs a transaction.")
    found = LOCK_FOR_NOTE_QUERY.list(user=user, session_id=session_id)
    if not found:
        raise Session.DoesNotExist("No session here.")
    session = found[0]
    # Where the audit chain ends, read with the row: the note's audit row needs no query to
    # find it (``audit.chain.append``).
    session.audit_head = chain.Head.of(session)
    return session
