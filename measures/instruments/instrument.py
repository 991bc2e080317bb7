"""The engine's side of a questionnaire: a declaration checked against itself and built into
the ``Instrument`` that forms, pages, charts and the scorer read.

``build`` refuses a declaration that contradicts itself (a total range the items cannot reach,
bands with a gap, a reversed or risk item that does not exist, a risk answer that is not one of
the item's labels, a threshold with no source), so a mistyped table stops the app at start-up
instead of mis-scoring a client.
"""

from dataclasses import dataclass

from measures.instruments.declaration import (
    MEASURES,
    Band,
    Option,
    Question,
    Questionnaire,
    RiskItem,
)


class DeclarationError(ValueError):
    """A questionnaire's declaration contradicts itself or its published scoring."""


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    options: tuple[Option, ...]
    scored: bool = True
    reverse: bool = False
    # Shown next to the item so the therapist knows why it matters.
    risk_note: str = ""

    @property
    def is_risk_item(self) -> bool:
        return any(option.risk for option in self.options)

    def option(self, code: str) -> Option | None:
        return next((option for option in self.options if option.code == code), None)


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    short_name: str
    stem: str
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    min_total: int
    max_total: int
    source: str
    licence: str
    imputable_missing: int = 0
    caseness: int | None = None
    reliable_change: int | None = None
    measures: str = "depression"  # or "anxiety", "functioning"
    thresholds_source: str = ""
    screen_positive_at: int | None = None

    def screens_positive(self, total: int) -> bool:
        """Whether a total is at or above the instrument's screening cut-off (if it has one)."""
        return self.screen_positive_at is not None and total >= self.screen_positive_at

    @property
    def lacks_self_harm_item(self) -> bool:
        """A depression measure with no risk item (the SMFQ): risk must be asked in person."""
        return self.measures == "depression" and not any(i.is_risk_item for i in self.items)

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scored)

    def band_for(self, total: int) -> Band:
        for band in self.bands:
            if band.low <= total <= band.high:
                return band
        raise ValueError(f"{total} is outside {self.short_name}'s range.")


def build(declared: Questionnaire) -> Instrument:
    """Check ``declared`` and build its instrument; raises ``DeclarationError`` naming the fault."""
    name = declared.short_name or declared.code
    _check_references(declared, name)
    keys = [question.key for question in declared.questions]
    if len(set(keys)) != len(keys) or not all(keys):
        raise DeclarationError(f"{name}: item keys must be present and unique ({keys}).")
    scored_keys = {q.key for q in declared.questions if q.scored}
    for key in declared.reversed_items:
        if key not in scored_keys:
            raise DeclarationError(f"{name}: reversed item {key!r} is not a scored item.")
    risks: dict[str, RiskItem] = {}
    for risk in declared.risk_items:
        if risk.key not in keys or risk.key in risks:
            raise DeclarationError(f"{name}: risk item {risk.key!r} is unknown or repeated.")
        risks[risk.key] = risk
    items = tuple(
        _item(name, question, declared, risks.get(question.key)) for question in declared.questions
    )
    instrument = Instrument(
        code=declared.code,
        name=declared.name,
        short_name=declared.short_name,
        stem=declared.stem,
        items=items,
        bands=declared.bands,
        min_total=declared.total[0],
        max_total=declared.total[1],
        source=declared.source,
        licence=declared.licence,
        imputable_missing=declared.imputable_missing,
        caseness=declared.caseness,
        reliable_change=declared.reliable_change,
        measures=declared.measures,
        thresholds_source=declared.thresholds_source,
        screen_positive_at=declared.screen_positive_at,
    )
    _check_range_and_bands(instrument)
    _check_thresholds(instrument)
    return instrument


def _item(name: str, question: Question, declared: Questionnaire, risk: RiskItem | None) -> Item:
    declared_options = question.answers or declared.answers
    where = f"{name} item {question.key}"
    codes = [option.code for option in declared_options]
    labels = [option.label for option in declared_options]
    if len(declared_options) < 2 or len(set(codes)) != len(codes):
        raise DeclarationError(f"{where}: needs two or more answers with distinct codes.")
    if len(set(labels)) != len(labels):
        raise DeclarationError(f"{where}: two answers have the same label.")
    if any(option.risk for option in declared_options):
        raise DeclarationError(f"{where}: declare risk answers in risk_items, not on an option.")
    scores = [option.score for option in declared_options if option.score is not None]
    if question.scored and not scores:
        raise DeclarationError(f"{where}: a scored item needs scored answers.")
    if not question.scored and scores:
        raise DeclarationError(f"{where}: an unscored item's answers carry no score.")
    reverse = question.key in declared.reversed_items
    if risk is not None:
        unknown = [label for label in risk.positive if label not in labels]
        if not risk.positive or unknown or not risk.note:
            raise DeclarationError(
                f"{where}: risk answers must be labels of the item ({unknown}) with a note."
            )
    options = tuple(
        Option(
            code=option.code,
            label=option.label,
            # Reversed: the scores run the other way over the same answers.
            score=(
                max(scores) + min(scores) - option.score
                if reverse and option.score is not None
                else option.score
            ),
            risk=risk is not None and option.label in risk.positive,
        )
        for option in declared_options
    )
    return Item(
        key=question.key,
        text=question.text,
        options=options,
        scored=question.scored,
        reverse=reverse,
        risk_note=risk.note if risk else "",
    )


def _check_references(declared: Questionnaire, name: str) -> None:
    if not (declared.code and declared.name and declared.short_name and declared.stem):
        raise DeclarationError(f"{name}: code, name, short name and stem are all required.")
    if not (declared.source.strip() and declared.licence.strip()):
        raise DeclarationError(f"{name}: cite the published source and the licence.")
    if declared.measures not in MEASURES:
        raise DeclarationError(f"{name}: measures must be one of {MEASURES}.")


def _check_range_and_bands(instrument: Instrument) -> None:
    name = instrument.short_name
    scores = [[o.score for o in i.options if o.score is not None] for i in instrument.scored_items]
    lowest, highest = sum(map(min, scores)), sum(map(max, scores))
    if (lowest, highest) != (instrument.min_total, instrument.max_total):
        raise DeclarationError(
            f"{name}: the items add up to {lowest}-{highest}, not the declared "
            f"{instrument.min_total}-{instrument.max_total}."
        )
    if not 0 <= instrument.imputable_missing < len(scores):
        raise DeclarationError(f"{name}: imputable_missing must leave items to impute from.")
    expected_low = instrument.min_total
    for band in instrument.bands:
        if band.low > expected_low:
            raise DeclarationError(f"{name}: a gap below band {band.label!r}.")
        if band.low < expected_low:
            raise DeclarationError(f"{name}: band {band.label!r} overlaps the one before.")
        if band.high < band.low or not 0 <= band.level <= 4:
            raise DeclarationError(f"{name}: band {band.label!r} is empty or its level not 0-4.")
        expected_low = band.high + 1
    if expected_low != instrument.max_total + 1:
        raise DeclarationError(f"{name}: the bands must end at the top of the range.")


def _check_thresholds(instrument: Instrument) -> None:
    name = instrument.short_name
    caseness, change = instrument.caseness, instrument.reliable_change
    if caseness is not None and not instrument.min_total < caseness <= instrument.max_total:
        raise DeclarationError(f"{name}: caseness {caseness} is outside the range.")
    if change is not None and (caseness is None or not 0 < change <= instrument.max_total):
        raise DeclarationError(f"{name}: a reliable change needs caseness and a sensible size.")
    screen = instrument.screen_positive_at
    if screen is not None and not instrument.min_total < screen <= instrument.max_total:
        raise DeclarationError(f"{name}: screening cut-off {screen} is outside the range.")
    if (caseness is not None or screen is not None) and not instrument.thresholds_source.strip():
        raise DeclarationError(f"{name}: cite where the thresholds come from.")
