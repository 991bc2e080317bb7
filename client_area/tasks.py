"""Background work of the client area (Django's Tasks framework)."""


def enqueue_staff_notice(link_id: int, event: str) -> None:
    return None
