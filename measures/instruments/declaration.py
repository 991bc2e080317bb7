"""How a questionnaire is declared: a table of plain data, no scoring code.

A ``Questionnaire`` lists its questions, the answers each offers (label, code, score), which
items are reverse scored, which answers to which items are a risk signal, the range of the
total, the severity bands, the outcome thresholds and the published sources of each. The engine
(``measures.instruments.instrument.build``) checks a declaration against itself when the app
starts and turns it into the ``Instrument`` the forms, pages and scorer read; one scorer
(``measures.instruments.scoring.score``) scores every instrument. docs/instruments.md says how
to add one.
"""

from dataclasses import dataclass

MEASURES = ("depression", "anxiety", "functioning", "mania")


@dataclass(frozen=True)
class Option:
    """One answer. ``code`` is what the form posts and the response stores, so a code in use
    never changes. ``score`` is None for an unscored or "not applicable" answer. ``risk`` is set
    by the engine from the questionnaire's ``risk_items``; a declaration never sets it."""

    code: str
    label: str
    score: int | None
    risk: bool = False


def scale(*labels: str, scored: bool = True) -> tuple[Option, ...]:
    """Answers in the order shown, coded "0", "1", "2"... and scored 0, 1, 2... (no score at
    all when ``scored`` is False). A reversed item's scores are turned round by the engine."""
    return tuple(
        Option(code=str(position), label=label, score=position if scored else None)
        for position, label in enumerate(labels)
    )


@dataclass(frozen=True)
class Question:
    """One item: its key (stored with the answers, never changed), its wording, and its answers
    when they differ from the questionnaire's ``answers``. An unscored question is asked but
    left out of the total (the PHQ-A's extra questions)."""

    key: str
    text: str
    answers: tuple[Option, ...] = ()
    scored: bool = True


@dataclass(frozen=True)
class RiskItem:
    """Which answers to one item are a risk signal (each opens a risk flag on the course), by
    their labels as printed, and the note shown beside the item."""

    key: str
    positive: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    label: str
    # A CSS-friendly severity step 0 (lowest) to 4, shared by the chart and the tags.
    level: int


@dataclass(frozen=True)
class Questionnaire:
    code: str
    name: str
    short_name: str
    stem: str
    measures: str  # one of MEASURES
    questions: tuple[Question, ...]
    # The answers of every question that does not list its own.
    answers: tuple[Option, ...]
    # The lowest and highest possible total, as published; the engine checks the items add up.
    total: tuple[int, int]
    bands: tuple[Band, ...]
    # The instrument's published source and the terms under which the clinic may use it.
    source: str
    licence: str
    # Keys of the items scored the other way round: the first answer shown scores highest.
    reversed_items: tuple[str, ...] = ()
    risk_items: tuple[RiskItem, ...] = ()
    # How many scored items may be missing or "not applicable" and be replaced by the mean of
    # the others (WSAS allows one); zero means every item must be answered.
    imputable_missing: int = 0
    # Outcome thresholds (docs/clinical-safety.md, H5): at caseness at or above ``caseness``; a
    # change of ``reliable_change`` or more is reliable. None: none published, never a guess.
    caseness: int | None = None
    reliable_change: int | None = None
    # The papers the thresholds come from; required whenever a threshold is declared.
    thresholds_source: str = ""
    # A screening cut-off: a total at or above it is a positive screen that raises a clinical
    # flag (the ASRM's possible mania). Not an outcome threshold; None for most instruments.
    screen_positive_at: int | None = None
