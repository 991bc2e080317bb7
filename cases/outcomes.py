"""Outcome classification by the NHS Talking Therapies definitions. Pure: no database.

A measure (PHQ-9 or GAD-7) counts only when it has both a first and a last score ("paired").
With neither paired, every result is ``None``: there is not enough data to say anything.

- Caseness: PHQ-9 >= 10 or GAD-7 >= 8 at the first measurement.
- Recovery: at caseness at first, and every paired measure below its cut-off at last. A course
  that did not start at caseness cannot "recover", so recovery is False there (it is outside the
  recovery denominator), not None.
- Reliable improvement: a fall of at least 6 on PHQ-9 or 4 on GAD-7, with no reliable
  deterioration on the other.
- Reliable deterioration: a rise of at least 6 on PHQ-9 or 4 on GAD-7, with no reliable
  improvement on the other.
- Reliable recovery: recovery and reliable improvement.
"""

from dataclasses import dataclass

PHQ9_CASENESS = 10
GAD7_CASENESS = 8
PHQ9_RELIABLE_CHANGE = 6
GAD7_RELIABLE_CHANGE = 4


@dataclass(frozen=True)
class Outcome:
    caseness: bool | None
    recovery: bool | None
    reliable_improvement: bool | None
    reliable_deterioration: bool | None
    reliable_recovery: bool | None

    @property
    def enough_data(self) -> bool:
        return self.caseness is not None

    @property
    def summary(self) -> str:
        """One phrase a clinician or a referrer reads at a glance."""
        if not self.enough_data:
            return "Not enough data"
        if self.reliable_recovery:
            return "Reliable recovery"
        if self.reliable_deterioration:
            return "Reliable deterioration"
        if self.recovery:
            return "Recovery (change not reliable)"
        if self.reliable_improvement:
            return "Reliable improvement"
        return "No reliable change"

    @property
    def labels(self) -> list[tuple[str, bool | None]]:
        return [
            ("At caseness at the start", self.caseness),
            ("Recovery", self.recovery),
            ("Reliable improvement", self.reliable_improvement),
            ("Reliable deterioration", self.reliable_deterioration),
            ("Reliable recovery", self.reliable_recovery),
        ]


NOT_ENOUGH_DATA = Outcome(None, None, None, None, None)


def classify(
    phq9_first: int | None,
    gad7_first: int | None,
    phq9_last: int | None,
    gad7_last: int | None,
) -> Outcome:
    """Classify a course's change from its first and last PHQ-9 and GAD-7 totals."""
    measures = []  # (first, last, caseness cut-off, reliable change)
    if phq9_first is not None and phq9_last is not None:
        measures.append((phq9_first, phq9_last, PHQ9_CASENESS, PHQ9_RELIABLE_CHANGE))
    if gad7_first is not None and gad7_last is not None:
        measures.append((gad7_first, gad7_last, GAD7_CASENESS, GAD7_RELIABLE_CHANGE))
    if not measures:
        return NOT_ENOUGH_DATA

    caseness = any(first >= cutoff for first, _, cutoff, _ in measures)
    below_at_last = all(last < cutoff for _, last, cutoff, _ in measures)
    improved = any(first - last >= change for first, last, _, change in measures)
    worsened = any(last - first >= change for first, last, _, change in measures)

    recovery = caseness and below_at_last
    reliable_improvement = improved and not worsened
    reliable_deterioration = worsened and not improved
    return Outcome(
        caseness=caseness,
        recovery=recovery,
        reliable_improvement=reliable_improvement,
        reliable_deterioration=reliable_deterioration,
        reliable_recovery=recovery and reliable_improvement,
    )


def not_on_track(
    points: list[tuple[int | None, int | None]],
    attended: int,
    *,
    from_session: int,
    min_phq9_fall: int,
) -> bool:
    """Whether a course is not on track, from its measurements in time order.

    ``points`` holds one (PHQ-9, GAD-7) pair per measurement, either side None when it was not
    taken then; the latest known value of each is carried forward. Not on track when, at any
    point, the change against the first scores is a reliable deterioration; or when, from the
    ``from_session``-th attended session on, the latest PHQ-9 is not at least ``min_phq9_fall``
    below the first.
    """
    phq9_first = next((phq for phq, _ in points if phq is not None), None)
    gad7_first = next((gad for _, gad in points if gad is not None), None)
    phq9 = gad7 = None
    for phq, gad in points:
        phq9 = phq if phq is not None else phq9
        gad7 = gad if gad is not None else gad7
        if classify(phq9_first, gad7_first, phq9, gad7).reliable_deterioration:
            return True
    if attended >= from_session and phq9_first is not None:
        return phq9_first - phq9 < min_phq9_fall
    return False
