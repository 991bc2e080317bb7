"""What the course page shows of the initial-phase records, and the countdown to the agreed end.

The course's planned length (``Course.planned_sessions``) drives the phases and appointments;
a ``LengthAgreement`` records that the client agreed to it. If the plan changes afterwards the
agreement is shown as out of date until a new one is recorded.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cases.models.initial_records import (
    LengthAgreement,
    SickRoleEntry,
    SickRoleKind,
    SuitabilityRecord,
)
from cases.presence import known_empty


@dataclass(frozen=True)
class Countdown:
    agreed: int
    held: int
    ends_by: datetime.date

    @property
    def to_go(self) -> int:
        return max(self.agreed - self.held, 0)

    @property
    def beyond(self) -> int:
        return max(self.held - self.agreed, 0)

    @property
    def text(self) -> str:
        """For example: "5 of 12 agreed sessions held, 7 to go, ending by 3 March 2027".

        Counted in sessions held, so it never reads as a contradiction of the page heading,
        which names the next session ("Session 6 of 12")."""
        ending = f"ending by {self.ends_by:%-d %B %Y}"
        if self.held == 0:
            return f"{self.agreed} sessions agreed, none held yet, {ending}"
        if self.to_go:
            return (
                f"{self.held} of {self.agreed} agreed sessions held, {self.to_go} to go, {ending}"
            )
        beyond = f", {self.beyond} more held since" if self.beyond else ""
        return (
            f"All {self.agreed} agreed sessions held{beyond} (agreed end: {self.ends_by:%-d %B %Y})"
        )


@dataclass(frozen=True)
class InitialRecords:
    suitability: SuitabilityRecord | None
    suitability_revisions: int
    agreement: LengthAgreement | None
    countdown: Countdown | None
    agreement_out_of_date: bool
    end_date_passed: bool
    sick_role_given: SickRoleEntry | None
    roles_resumed: SickRoleEntry | None
    roles_resumed_due: bool


def initial_records(course) -> InitialRecords:
    """The latest of each record for ``course`` (three small queries, one per record kind)."""
    suitability = (
        []
        if known_empty(course, "suitability_records")
        else list(course.suitability_records.latest_first().select_related("recorded_by"))
    )
    agreement = (
        None
        if known_empty(course, "length_agreements")
        else course.length_agreements.latest_first().select_related("recorded_by").first()
    )
    entries = (
        []
        if known_empty(course, "sick_role_entries")
        else list(course.sick_role_entries.latest_first())
    )
    given = next((e for e in entries if e.kind == SickRoleKind.GIVEN), None)
    resumed = next((e for e in entries if e.kind == SickRoleKind.RESUMED), None)
    countdown = None
    if agreement is not None:
        countdown = Countdown(agreement.sessions, course.attended_count, agreement.ends_by)
    return InitialRecords(
        suitability=suitability[0] if suitability else None,
        suitability_revisions=max(len(suitability) - 1, 0),
        agreement=agreement,
        countdown=countdown,
        agreement_out_of_date=bool(
            agreement and course.is_open and agreement.sessions != course.planned_sessions
        ),
        end_date_passed=bool(
            countdown
            and course.is_open
            and countdown.to_go
            and timezone.localdate() > countdown.ends_by
        ),
        sick_role_given=given,
        roles_resumed=resumed,
        roles_resumed_due=bool(
            given and resumed is None and (course.is_closed or course.phase == "termination")
        ),
    )
