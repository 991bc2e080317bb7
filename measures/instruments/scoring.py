"""One scorer for every declared questionnaire: total, band, risk answers, and what is wrong
with the answers. Pure: the server always recomputes a total from the answers and never trusts
one sent by hand.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from measures.instruments.declaration import Band
from measures.instruments.instrument import Instrument, Item


@dataclass(frozen=True)
class Score:
    """The outcome of scoring one set of answers; ``errors`` maps an item key to a message."""

    instrument: Instrument
    answers: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    total: int | None = None
    band: Band | None = None
    risk_items: tuple[Item, ...] = ()
    imputed_items: tuple[str, ...] = ()
    answered: int = 0
    # The sum of the scored answers so far, shown while the form is being filled in.
    running_total: int = 0

    @property
    def complete(self) -> bool:
        return not self.errors and self.total is not None

    @property
    def risk_positive(self) -> bool:
        return bool(self.risk_items)


def _round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def score(instrument: Instrument, raw_answers: dict[str, str]) -> Score:
    """Score ``raw_answers`` (item key -> option code) for ``instrument``.

    Unknown option codes and unanswered items come back as ``errors`` at their item. A total is
    given only when the form is complete. Up to ``instrument.imputable_missing`` missing or "not
    applicable" scored items (one on the WSAS) are replaced by the mean of the others; the total
    is then rounded half up to a whole number. Risk answers count as soon as they are given,
    even on an incomplete form.
    """
    answers: dict[str, str] = {}
    errors: dict[str, str] = {}
    scores: list[int] = []
    missing: list[str] = []
    risk_items: list[Item] = []
    for item in instrument.items:
        code = (raw_answers.get(item.key) or "").strip()
        if not code:
            missing.append(item.key)
            continue
        option = item.option(code)
        if option is None:
            errors[item.key] = "That answer is not one of this item's options."
            continue
        answers[item.key] = code
        if option.risk:
            risk_items.append(item)
        if item.scored:
            if option.score is None:
                missing.append(item.key)
            else:
                scores.append(option.score)

    scored_keys = {item.key for item in instrument.scored_items}
    missing_scored = [key for key in missing if key in scored_keys]
    missing_unscored = [key for key in missing if key not in scored_keys]
    imputed: tuple[str, ...] = ()
    if len(missing_scored) > instrument.imputable_missing:
        for key in missing_scored:
            if key not in answers:
                errors.setdefault(key, "Please answer this item.")
            else:
                errors.setdefault(
                    key, "Only one item may be 'not applicable'; answer this one or another."
                )
    elif missing_scored:
        imputed = tuple(missing_scored)
    for key in missing_unscored:
        errors.setdefault(key, "Please answer this item.")

    total = band = None
    if not errors:
        raw = Decimal(sum(scores))
        if imputed:
            raw = raw * len(instrument.scored_items) / Decimal(len(scores))
        total = _round_half_up(raw)
        band = instrument.band_for(total)
    return Score(
        instrument=instrument,
        answers=answers,
        errors=errors,
        total=total,
        band=band,
        risk_items=tuple(risk_items),
        imputed_items=imputed,
        answered=len(answers),
        running_total=sum(scores),
    )
