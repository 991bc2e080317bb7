"""What the cases services refuse, in words a clinician can act on."""


class RuleBroken(Exception):
    """A change the clinic's rules do not allow (e.g. a second active course). Nothing was saved."""


class StaleEdit(Exception):
    """The record changed since the form was opened; saving would overwrite someone's work."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "Someone else saved this record after you opened it. Your changes are below and "
            "were not saved: check the current record, then save again."
        )
