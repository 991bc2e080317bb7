"""Telling staff that something happened in the client area. Stub: filled in by the mail task."""

from django.db import transaction


def tell_staff_on_commit(link, event: str) -> None:
    """After the current transaction commits, queue a mail (no clinical content) to the staff."""

    def enqueue() -> None:
        from client_area import tasks

        tasks.enqueue_staff_notice(link.pk, event)

    transaction.on_commit(enqueue)
