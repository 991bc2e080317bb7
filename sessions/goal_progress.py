"""Progress on the agreed goals, marked in the note at the midpoint and in termination.

The goals come from the latest formulation and are shown beside the note. In the sessions that
review them (``cases.phases.reviews_goals``: the midpoint session and every termination-phase
session) each goal can carry an optional mark. A mark is part of the note: it is saved with the
note's autosave, compared in the two-tab conflict view and frozen when the note is signed
(sessions/protection.py). It keeps a copy of the goal's words, so a later formulation with
other goals never changes what a signed note says.

The page posts one select per goal (``goal-1`` ...) and ``goals_was``, the marks it was
loaded with: when the two agree nothing is read or written (the autosave stays cheap).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from cases.goal_marks import GoalMark
from cases.phases import reviews_goals
from cases.presence import known_empty
from sessions.models import Session, SessionRecord

MAX_GOALS = 3


class GoalProgress(SessionRecord):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="goal_progress")
    goal_number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_GOALS)]
    )
    goal_text = models.TextField("the goal, as agreed")
    mark = models.CharField("progress", max_length=20, choices=GoalMark, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(SessionRecord.Meta):
        ordering = ["goal_number"]
        verbose_name = "goal progress mark"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "goal_number"], name="one_progress_mark_per_goal"
            )
        ]


def offered(session: Session) -> bool:
    """Whether the note of ``session`` offers a progress mark per goal."""
    return bool(session.number) and reviews_goals(session.number, session.course.planned_sessions)


def encode(marks: dict[int, str]) -> str:
    """``{1: "some", 2: ""}`` -> ``"1:some,2:"`` (the ``goals_was`` field)."""
    return ",".join(f"{n}:{marks[n]}" for n in sorted(marks))


def posted_marks(data) -> dict[int, str] | None:
    """The marks the page posted (``{number: mark}``), or ``None`` if it offered none."""
    if data is None or "goals_was" not in data:
        return None
    valid = set(GoalMark.values)
    marks = {}
    for number in range(1, MAX_GOALS + 1):
        if f"goal-{number}" in data:
            mark = data.get(f"goal-{number}", "")
            marks[number] = mark if mark in valid else ""
    return marks


def posted(data, load_goals) -> dict[int, tuple[str, str]] | None:
    """The marks to write, as ``{number: (goal text, mark)}``; ``None`` when the page offered
    none or they equal the marks it was loaded with. ``load_goals`` is called (one query) only
    when something changed."""
    marks = posted_marks(data)
    if marks is None or encode(marks) == data.get("goals_was"):
        return None
    goals = load_goals()
    return {n: (goals[n - 1], mark) for n, mark in marks.items() if n <= len(goals)}


def saved_marks(session: Session) -> dict[int, GoalProgress]:
    if known_empty(session, "goal_marks"):
        return {}
    return {row.goal_number: row for row in GoalProgress.objects.filter(session=session)}


def write(session: Session, marks: dict[int, tuple[str, str]]) -> list[int]:
    """Write the marks that changed (one read, one write per change); returns their numbers.

    A cleared mark is kept as an empty mark, never deleted.
    """
    saved = saved_marks(session)
    changed = []
    for number, (text, mark) in marks.items():
        row = saved.get(number)
        if row is None and not mark:
            continue
        if row is not None and row.mark == mark and row.goal_text == text:
            continue
        row = row or GoalProgress(session=session, goal_number=number)
        row.goal_text, row.mark = text, mark
        row.save()
        changed.append(number)
    return changed


def rows_for_page(session: Session, goals: list[str], data=None) -> list[dict]:
    """One row per agreed goal for the session page: its words, the select's name and value."""
    saved = saved_marks(session)
    rows = []
    for number, text in enumerate(goals[:MAX_GOALS], start=1):
        row = saved.get(number)
        value = row.mark if row else ""
        if data is not None and f"goal-{number}" in data:
            value = data.get(f"goal-{number}", "")
        rows.append({"number": number, "text": text, "value": value, "saved": row})
    return rows


def was_value(session_rows: list[dict]) -> str:
    """The ``goals_was`` value for rows from ``rows_for_page`` (saved marks only)."""
    return encode({r["number"]: (r["saved"].mark if r["saved"] else "") for r in session_rows})


CHOICES = [("", "No mark"), *GoalMark.choices]
