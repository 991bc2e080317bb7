"""Outcome classification, read from the course's own measures. Pure: no database, no imports
from the measures app (which sits above cases and fills in the thresholds, see
``measures.instruments.threshold``).

Each adaptation names, in ``MEASURE_PLANS``, its primary depression measure, its anxiety
measure (if any) and extra measures tracked beside them. The rules, NHS Talking Therapies style
(thresholds and their papers are in docs/clinical-safety.md, H5):

- A measure counts only when *paired*: a first and a later score.
- Nothing is classified unless the **depression measure** is paired. Without it the course is
  "not classified" and the raw changes are shown: a fall in anxiety never stands for recovery.
- Caseness: any paired primary measure at or above its cut-off at first.
- Recovery: at caseness at first, and every paired primary measure, and every paired tracked
  depression measure (EPDS), below its cut-off at last. Not at caseness: False (outside the
  recovery denominator), not None.
- Reliable improvement / deterioration: a change of at least the measure's published reliable
  change, with no reliable change the other way on the other primary measure. A measure with no
  published threshold gives None ("not known"), never a guess; a tracked measure's reliable
  rise counts as deterioration whatever the primary measures did.
- Reliable recovery: recovery and reliable improvement.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class MeasurePlan:
    """Which questionnaires a course's outcome is read from."""

    depression: str
    anxiety: str | None = None
    tracked: tuple[str, ...] = ()

    @cached_property  # read at every measurement of every course a list classifies
    def codes(self) -> tuple[str, ...]:
        return (self.depression, *((self.anxiety,) if self.anxiety else ()), *self.tracked)


ADULT_PLAN = MeasurePlan("phq9", "gad7")

# Adaptation (cases.models.courses.Adaptation value) -> measure plan.
MEASURE_PLANS: dict[str, MeasurePlan] = {
    "standard": ADULT_PLAN,
    "late_life": ADULT_PLAN,
    "group": ADULT_PLAN,
    "ipsrt": ADULT_PLAN,
    # NHS Talking Therapies counts perinatal courses on PHQ-9 and GAD-7; the EPDS is tracked
    # beside them with its own cut-offs, and a recovery claim must agree with it.
    "perinatal": MeasurePlan("phq9", "gad7", ("epds",)),
    "ipt_a": MeasurePlan("phqa"),
    "fb_ipt": MeasurePlan("smfq"),
}


def plan_for(adaptation: str) -> MeasurePlan:
    return MEASURE_PLANS.get(adaptation, ADULT_PLAN)


@dataclass(frozen=True)
class Threshold:
    """A measure's published cut-offs, as the measures registry declares them."""

    code: str
    label: str
    caseness: int  # at caseness at or above this total
    reliable_change: int | None  # None: no published reliable-change threshold
    depression: bool = True


@dataclass(frozen=True)
class Change:
    """First and last score of one measure, read against its thresholds."""

    threshold: Threshold
    role: str  # "depression", "anxiety" or "tracked"
    first: int | None = None
    last: int | None = None  # None with fewer than two scores: one score is not a change

    @property
    def code(self) -> str:
        return self.threshold.code

    @property
    def label(self) -> str:
        return self.threshold.label

    @property
    def paired(self) -> bool:
        return self.first is not None and self.last is not None

    @property
    def change(self) -> int | None:
        return self.last - self.first if self.paired else None

    @property
    def caseness_at_first(self) -> bool | None:
        return None if self.first is None else self.first >= self.threshold.caseness

    @property
    def caseness_at_last(self) -> bool | None:
        return None if self.last is None else self.last >= self.threshold.caseness

    @property
    def reliable_known(self) -> bool:
        return self.threshold.reliable_change is not None

    @property
    def reliably_better(self) -> bool | None:
        if not self.paired or not self.reliable_known:
            return None
        return -self.change >= self.threshold.reliable_change

    @property
    def reliably_worse(self) -> bool | None:
        if not self.paired or not self.reliable_known:
            return None
        return self.change >= self.threshold.reliable_change

    @property
    def in_words(self) -> str:
        """'PHQ-A 15 to 24 (up 9)', for summaries and the letter."""
        if self.first is None:
            return f"{self.label} not recorded"
        if self.last is None:
            return f"{self.label} {self.first} (one score only)"
        delta = self.change
        way = f"up {delta}" if delta > 0 else f"down {-delta}" if delta < 0 else "no change"
        return f"{self.label} {self.first} to {self.last} ({way})"


@dataclass(frozen=True)
class Outcome:
    caseness: bool | None
    recovery: bool | None
    reliable_improvement: bool | None
    reliable_deterioration: bool | None
    reliable_recovery: bool | None
    depression: Change | None = field(default=None, compare=False)
    anxiety: Change | None = field(default=None, compare=False)
    tracked: tuple[Change, ...] = field(default=(), compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(c for c in (self.depression, self.anxiety, *self.tracked) if c is not None)

    @property
    def enough_data(self) -> bool:
        """Whether the course could be classified (its depression measure is paired)."""
        return self.caseness is not None

    @property
    def any_paired(self) -> bool:
        return any(change.paired for change in self.changes)

    @property
    def reliability_unknown(self) -> bool:
        return self.enough_data and not self.depression.reliable_known

    @property
    def summary(self) -> str:
        """One phrase a clinician or a referrer reads at a glance."""
        if self.reliable_deterioration:
            return "Reliable deterioration"
        if not self.enough_data:
            if self.depression is not None and self.any_paired:
                return f"Not classified: no paired {self.depression.label}"
            return "Not enough data"
        if self.reliability_unknown:
            if self.recovery:
                return "Below the cut-off (reliable change not known)"
            delta = self.depression.change
            if delta > 0:
                return "Higher (reliable change not known)"
            if delta < 0:
                return "Lower (reliable change not known)"
            return "Unchanged"
        if self.reliable_recovery:
            return "Reliable recovery"
        if self.recovery:
            return "Recovery (change not reliable)"
        if self.reliable_improvement:
            return "Reliable improvement"
        return "No reliable change"

    @property
    def rank(self) -> int:
        """Worst first, for sorting lists; courses without enough data last."""
        return SUMMARY_RANK.get(self.summary.split(":")[0], len(SUMMARY_RANK))

    @property
    def labels(self) -> list[tuple[str, bool | None]]:
        return [
            ("At caseness at the start", self.caseness),
            ("Recovery", self.recovery),
            ("Reliable improvement", self.reliable_improvement),
            ("Reliable deterioration", self.reliable_deterioration),
            ("Reliable recovery", self.reliable_recovery),
        ]


SUMMARY_RANK = {
    label: rank
    for rank, label in enumerate(
        [
            "Reliable deterioration",
            "Higher (reliable change not known)",
            "No reliable change",
            "Unchanged",
            "Not classified",
            "Recovery (change not reliable)",
            "Lower (reliable change not known)",
            "Reliable improvement",
            "Below the cut-off (reliable change not known)",
            "Reliable recovery",
            "Not enough data",
        ]
    )
}

NOT_ENOUGH_DATA = Outcome(None, None, None, None, None)


def _any(values) -> bool | None:
    """True if any is True; None if none is True and some are unknown; else False."""
    values = list(values)
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def classify_changes(
    depression: Change, anxiety: Change | None = None, tracked: Sequence[Change] = ()
) -> Outcome:
    """Classify a course from the changes of its plan's measures (see the module docstring)."""
    tracked = tuple(tracked)
    primary = [c for c in (depression, anxiety) if c is not None and c.paired]
    paired_tracked = [c for c in tracked if c.paired]
    notes: list[str] = []

    # Deterioration is looked for on every paired measure, so a rise is flagged even when the
    # course cannot be classified. Opposite reliable changes of the two primary measures cancel.
    primary_worse = any(c.reliably_worse for c in primary)
    primary_better = any(c.reliably_better for c in primary)
    tracked_worse = any(c.reliably_worse for c in paired_tracked)
    deterioration: bool | None = (primary_worse and not primary_better) or tracked_worse
    if not deterioration and any(not c.reliable_known for c in primary):
        deterioration = None  # not known: no published threshold to read a rise against

    if not depression.paired:
        missing = depression.label
        if depression.first is None:
            notes.append(f"No {missing} was recorded, so the change cannot be classified.")
        else:
            notes.append(f"Only one {missing} was recorded, so the change cannot be classified.")
        return Outcome(
            None,
            None,
            None,
            True if deterioration else None,
            None,
            depression,
            anxiety,
            tracked,
            tuple(notes),
        )

    if anxiety is not None and not anxiety.paired:
        notes.append(
            f"Classified on the {depression.label} alone: the {anxiety.label} was not recorded "
            "at first and later (NHS Talking Therapies counts a course only with both)."
        )
    caseness = any(c.caseness_at_first for c in primary)
    below = all(not c.caseness_at_last for c in primary)
    still_depressed = [c for c in paired_tracked if c.threshold.depression and c.caseness_at_last]
    if caseness and below and still_depressed:
        for change in still_depressed:
            notes.append(
                f"Not counted as recovered: the {change.label} was still {change.last}, at or "
                f"above its cut-off of {change.threshold.caseness}."
            )
    recovery = caseness and below and not still_depressed

    improvement = _any(c.reliably_better for c in primary)
    if not depression.reliable_known:
        # No published threshold: reliable improvement cannot be claimed on the depression
        # measure, and the anxiety measure alone must not stand in for it.
        improvement = None
        notes.append(
            f"No reliable-change threshold is published for the {depression.label}; "
            "the change is shown as it is."
        )
    reliable_improvement = None if improvement is None else improvement and not primary_worse
    if reliable_improvement is None and deterioration:
        reliable_improvement = False
    return Outcome(
        caseness=caseness,
        recovery=recovery,
        reliable_improvement=reliable_improvement,
        reliable_deterioration=deterioration,
        reliable_recovery=None
        if reliable_improvement is None
        else recovery and reliable_improvement,
        depression=depression,
        anxiety=anxiety,
        tracked=tracked,
        notes=tuple(notes),
    )


def classify_series(
    plan: MeasurePlan,
    thresholds: Mapping[str, Threshold],
    series: Mapping[str, Sequence[int]],
) -> Outcome:
    """Classify from each measure's totals in time order (``series``: code -> totals)."""

    def change(code: str, role: str) -> Change:
        totals = list(series.get(code, ()))
        return Change(
            thresholds[code],
            role,
            totals[0] if totals else None,
            totals[-1] if len(totals) > 1 else None,
        )

    return classify_changes(
        change(plan.depression, "depression"),
        change(plan.anxiety, "anxiety") if plan.anxiety else None,
        [change(code, "tracked") for code in plan.tracked],
    )


def not_on_track(
    plan: MeasurePlan,
    thresholds: Mapping[str, Threshold],
    points: Sequence[Mapping[str, int]],
    attended: int,
    *,
    from_session: int,
    min_fall: int,
) -> bool:
    """Whether a course is not on track, from its measurements in time order.

    ``points`` holds one {code: total} mapping per measurement (codes not taken then are left
    out); the latest known value of each measure is carried forward. Not on track when, at any
    point against the first scores:
    - the change is a reliable deterioration (see ``classify_changes``); or
    - a measure with no published reliable-change threshold has risen by ``min_fall`` or more
      (no threshold must never mean no flag);
    or when, from the ``from_session``-th attended session on, the depression measure (or,
    when it was never taken, the first tracked depression measure) is not at least
    ``min_fall`` below its first score.
    """
    firsts: dict[str, int] = {}
    latest: dict[str, int] = {}
    for point in points:
        changed = False
        for code, total in point.items():
            if code in plan.codes:
                firsts.setdefault(code, total)
                latest[code] = total
                changed = True
        # Only a new score can change the picture; each check is a few comparisons, so a
        # service's worth of courses is classified quickly (no Outcome built per point).
        if changed and _deteriorated_now(plan, thresholds, firsts, latest, min_fall):
            return True
    if attended < from_session:
        return False
    candidates = [plan.depression] + [c for c in plan.tracked if thresholds[c].depression]
    code = next((c for c in candidates if c in firsts), None)
    return code is not None and firsts[code] - latest[code] < min_fall


def _deteriorated_now(
    plan: MeasurePlan,
    thresholds: Mapping[str, Threshold],
    firsts: Mapping[str, int],
    latest: Mapping[str, int],
    min_fall: int,
) -> bool:
    """At one point of ``not_on_track``: the reliable-deterioration rule of
    ``classify_changes`` applied to (first, latest) of every measure taken so far (each is
    paired there), or a rise of ``min_fall`` on a measure with no published threshold."""
    primary_worse = primary_better = tracked_worse = False
    for code, first in firsts.items():
        rise = latest[code] - first
        reliable = thresholds[code].reliable_change
        if reliable is None:
            if rise >= min_fall:
                return True
            continue
        if code == plan.depression or code == plan.anxiety:
            primary_worse = primary_worse or rise >= reliable
            primary_better = primary_better or -rise >= reliable
        else:
            tracked_worse = tracked_worse or rise >= reliable
    return (primary_worse and not primary_better) or tracked_worse
