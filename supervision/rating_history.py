"""A course's fidelity ratings arranged for reading: each rating in full, and change across dates."""

from dataclasses import dataclass

from supervision.rubric import DOMAINS, LEVEL_NAMES, descriptor

# Columns of the change table: the most recent ratings, oldest on the left.
TABLE_DATES = 6


@dataclass(frozen=True)
class DomainScore:
    key: str
    label: str
    level: int | None
    level_name: str
    descriptor: str


@dataclass(frozen=True)
class RatingRead:
    rating: object
    scores: list[DomainScore]


def _label(key: str) -> str:
    for domain in DOMAINS:
        if domain.key == key:
            return domain.label
    return f"{key.replace('_', ' ').capitalize()} (no longer in the rubric)"


def _keys(ratings) -> list[str]:
    """Rubric domains first, in order, then any older keys a rating still holds."""
    keys = [domain.key for domain in DOMAINS]
    for rating in ratings:
        keys += [key for key in rating.scores if key not in keys]
    return keys


def _score(rating, key: str) -> DomainScore:
    level = rating.scores.get(key)
    if not isinstance(level, int) or level not in LEVEL_NAMES:
        return DomainScore(key, _label(key), None, "Not rated", "")
    return DomainScore(key, _label(key), level, LEVEL_NAMES[level], descriptor(key, level))


def history(ratings) -> list[RatingRead]:
    """Each rating with a score line per domain, in the order given (latest first)."""
    ratings = list(ratings)
    keys = _keys(ratings)
    current = {domain.key for domain in DOMAINS}
    return [
        RatingRead(rating, [_score(rating, k) for k in keys if k in current or k in rating.scores])
        for rating in ratings
    ]


@dataclass(frozen=True)
class ChangeRow:
    label: str
    cells: list[DomainScore]
    change: int | None  # latest level minus the one before, when both were rated

    @property
    def size(self) -> int:
        return abs(self.change or 0)


def change_table(ratings) -> tuple[list, list[ChangeRow]]:
    """(the ratings shown as columns, oldest first; one row per domain) for the change table."""
    ratings = sorted(ratings, key=lambda rating: (rating.reviewed_on, rating.pk))[-TABLE_DATES:]
    rows = []
    for key in _keys(ratings):
        cells = [_score(rating, key) for rating in ratings]
        change = None
        if len(cells) >= 2 and cells[-1].level is not None and cells[-2].level is not None:
            change = cells[-1].level - cells[-2].level
        rows.append(ChangeRow(cells[0].label if cells else _label(key), cells, change))
    return ratings, rows
