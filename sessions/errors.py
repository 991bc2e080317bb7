"""Why a session service refused: each becomes a clear 4xx page (``sessions.views.access``)."""

from sessions.models import Session


class NoteLocked(Exception):
    """The note is signed (or void): it can only gain addenda."""

    def __init__(self, session: Session):
        self.session = session
        if session.is_void:
            message = "This session was voided, so its note can no longer change."
        else:
            message = (
                "This note is signed and can no longer change. "
                "Write an addendum to correct or add to it."
            )
        super().__init__(message)


class StaleVersion(Exception):
    """Someone saved the record after this form was loaded."""

    def __init__(self, current):
        self.current = current
        super().__init__(
            "This note was saved elsewhere (another tab or device) after you opened it. "
            "Nothing was overwritten: compare the two versions below."
        )


class NotSignable(Exception):
    pass


class NotAllowed(Exception):
    pass


class CourseNotRunning(Exception):
    """Sessions are recorded while a course runs: a planned one must be started first."""
