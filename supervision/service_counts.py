"""What the service figures add up (``supervision.service_stats`` fills them): rates shown with
their denominators, courses running by phase, and the counts of the courses that ended in a
period, each kept apart for acute and maintenance courses."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from accounts.models import User
from cases.models.courses import CourseStatus, EndReason
from cases.phases import PHASE_LABELS, PHASES


@dataclass(frozen=True)
class Rate:
    """A count out of a denominator, shown with both so a small number is not over-read."""

    count: int
    of: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.count / self.of) if self.of else None

    def __str__(self) -> str:
        if not self.of:
            return "no courses to count"
        return f"{self.count} of {self.of} ({self.percent}%)"


@dataclass(frozen=True)
class PhaseCount:
    phase: str
    label: str
    count: int


@dataclass
class RunningCourses:
    """Courses under way now: active ones by phase, and planned ones not yet started."""

    by_phase: Counter = field(default_factory=Counter)
    planned: int = 0

    def count(self, status: str, phase: str, n: int = 1) -> None:
        if status == CourseStatus.PLANNED:
            self.planned += n
        else:
            self.by_phase[phase] += n

    @property
    def active(self) -> int:
        return sum(self.by_phase.values())

    @property
    def phases(self) -> list[PhaseCount]:
        return [PhaseCount(p, PHASE_LABELS[p], self.by_phase[p]) for p in PHASES]

    @property
    def phase_counts(self) -> str:
        """'2 / 5 / 1': active courses in the initial, middle and termination phases."""
        return " / ".join(str(self.by_phase[p]) for p in PHASES)


@dataclass
class PeriodFigures:
    """How the courses that ended in the period went (see the module docstring): counts,
    added up from the database's per-course values (``add``)."""

    ended: int = 0
    completed: int = 0
    early_reasons: Counter = field(default_factory=Counter)
    finished: int = 0
    attended_finished: int = 0  # sessions attended, over the finished courses
    at_caseness: int = 0
    recovered: int = 0
    improved: int = 0
    improvement_known: int = 0
    deteriorated: int = 0
    deterioration_known: int = 0
    stayed_well: int = 0
    worsened: int = 0
    unwell_at_end: int = 0

    def add(self, row: dict) -> None:
        """Add one group of courses (``service_stats._period_rows``: one therapist's courses of
        one kind): the counts named in ``PERIOD_COUNTS``."""
        self.ended += row["ended"]
        self.completed += row["completed"]
        for reason, name in EARLY_COUNTS.items():
            self.early_reasons[reason] += row[name]
        for name in OUTCOME_COUNTS:
            setattr(self, name, getattr(self, name) + (row[name] or 0))

    @property
    def finished_rate(self) -> Rate:
        return Rate(self.finished, self.ended)

    @property
    def recovery(self) -> Rate:
        return Rate(self.recovered, self.at_caseness)

    @property
    def reliable_improvement(self) -> Rate:
        """Courses reliably improved, out of those where it could be known at all."""
        return Rate(self.improved, self.improvement_known)

    @property
    def reliable_deterioration(self) -> Rate:
        return Rate(self.deteriorated, self.deterioration_known)

    @property
    def stayed_well_rate(self) -> Rate:
        """Maintenance: below every cut-off at the last score, and no worsening on the way."""
        return Rate(self.stayed_well, self.finished)

    @property
    def worsened_rate(self) -> Rate:
        """Maintenance: a worsening at some measurement (its "not on track" rule)."""
        return Rate(self.worsened, self.finished)

    @property
    def unwell_at_end_rate(self) -> Rate:
        """Maintenance: at or above a cut-off at the last score (a possible relapse)."""
        return Rate(self.unwell_at_end, self.finished)

    @property
    def mean_attended(self) -> float | None:
        if not self.finished:
            return None
        return round(self.attended_finished / self.finished, 1)

    @property
    def ended_early(self) -> Rate:
        return Rate(sum(self.early_reasons.values()), self.ended)

    @cached_property  # read twice a row by the page, once every course is added
    def end_reasons(self) -> list[tuple[str, int]]:
        """(reason, courses) for every reason given, most frequent first, in EndReason order."""
        counts = Counter()
        for reason, n in self.early_reasons.items():
            if n:
                counts[REASON_LABELS.get(reason, "Not given")] += n
        last = len(REASON_ORDER)
        return sorted(counts.items(), key=lambda item: (-item[1], REASON_ORDER.get(item[0], last)))


# The per-group outcome counts ``PeriodFigures.add`` sums (``_period_rows`` computes each).
OUTCOME_COUNTS = (
    "finished",
    "attended_finished",
    "at_caseness",
    "recovered",
    "improved",
    "improvement_known",
    "deteriorated",
    "deterioration_known",
    # Maintenance courses (``maintenance`` figures): the aim is staying well.
    "stayed_well",
    "worsened",
    "unwell_at_end",
)


# Read once: the enum's ``choices`` and ``labels`` are built afresh at every read, and the page
# reads the end reasons of every therapist.
REASON_LABELS = dict(EndReason.choices)
REASON_ORDER = {label: i for i, label in enumerate(EndReason.labels)}

# Courses ended early, by the reason given (a reason that is not an ``EndReason``, or none,
# counted under "" and shown as "Not given").
EARLY_COUNTS = {reason: f"early_{reason}" for reason in EndReason.values} | {"": "early_not_given"}

# Every count of a row of ``service_stats._period_rows``.
PERIOD_COUNTS = ("ended", "completed", *EARLY_COUNTS.values(), *OUTCOME_COUNTS)


@dataclass
class TherapistFigures:
    therapist: User
    running: RunningCourses = field(default_factory=RunningCourses)
    period: PeriodFigures = field(default_factory=PeriodFigures)  # acute courses
    maintenance: PeriodFigures = field(default_factory=PeriodFigures)


@dataclass
class ServiceFigures:
    start: datetime.date
    end: datetime.date
    running: RunningCourses
    period: PeriodFigures  # acute courses (individual and group members')
    maintenance: PeriodFigures  # maintenance courses: counted apart (see the docstring)
    therapists: list[TherapistFigures]
