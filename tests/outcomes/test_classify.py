"""The NHS Talking Therapies outcome rules, one row per rule and edge."""

import pytest

from cases.outcomes import NOT_ENOUGH_DATA, Outcome, classify

T, F = True, False

# (phq9_first, gad7_first, phq9_last, gad7_last) ->
#   caseness, recovery, reliable improvement, reliable deterioration, reliable recovery
CASES = [
    # Caseness at exactly the cut-offs, and one point below.
    ("phq9 exactly 10 is caseness", (10, 0, 10, 0), (T, F, F, F, F)),
    ("phq9 9 and gad7 7 is not caseness", (9, 7, 9, 7), (F, F, F, F, F)),
    ("gad7 exactly 8 is caseness", (0, 8, 0, 8), (T, F, F, F, F)),
    # Recovery needs both below the cut-offs at the end.
    ("recovery without reliable change", (10, 8, 9, 7), (T, T, F, F, F)),
    ("phq9 last at 10 is not recovered", (15, 8, 10, 2), (T, F, T, F, F)),
    ("gad7 last at 8 is not recovered", (15, 12, 5, 8), (T, F, T, F, F)),
    # Reliable change at exactly 6 / 4, and one short.
    ("phq9 fall of exactly 6 is reliable", (16, 5, 10, 5), (T, F, T, F, F)),
    ("phq9 fall of 5 is not reliable", (16, 5, 11, 5), (T, F, F, F, F)),
    ("gad7 fall of exactly 4 is reliable", (5, 12, 5, 8), (T, F, T, F, F)),
    ("gad7 fall of 3 is not reliable", (5, 12, 5, 9), (T, F, F, F, F)),
    ("phq9 rise of exactly 6 is deterioration", (4, 3, 10, 3), (F, F, F, T, F)),
    ("phq9 rise of 5 is not deterioration", (4, 3, 9, 3), (F, F, F, F, F)),
    ("gad7 rise of exactly 4 is deterioration", (4, 3, 4, 7), (F, F, F, T, F)),
    ("gad7 rise of 3 is not deterioration", (4, 3, 4, 6), (F, F, F, F, F)),
    # Opposite reliable changes cancel each other.
    ("improve phq9 but worsen gad7", (18, 2, 12, 6), (T, F, F, F, F)),
    ("worsen phq9 but improve gad7", (3, 12, 9, 8), (T, F, F, F, F)),
    # Reliable recovery: recovery and reliable improvement.
    ("reliable recovery", (18, 14, 6, 5), (T, T, T, F, T)),
    ("reliable recovery on gad7 alone", (9, 12, 9, 7), (T, T, T, F, T)),
    # A measure missing its first or last score is left out.
    ("gad7 missing at last: phq9 alone", (18, 14, 6, None), (T, T, T, F, T)),
    ("gad7 missing at first: phq9 alone", (9, None, 9, 2), (F, F, F, F, F)),
    ("phq9 missing: gad7 alone", (None, 12, None, 7), (T, T, T, F, T)),
    ("phq9 last missing leaves gad7 deciding", (20, 3, None, 8), (F, F, F, T, F)),
]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [(scores, expected) for _, scores, expected in CASES],
    ids=[name for name, _, _ in CASES],
)
def test_it_classifies_by_the_talking_therapies_rules(scores, expected):
    assert classify(*scores) == Outcome(*expected)


@pytest.mark.parametrize(
    "scores",
    [(None, None, None, None), (12, 10, None, None), (None, None, 5, 4), (12, None, None, 4)],
)
def test_it_says_not_enough_data_when_neither_measure_is_paired(scores):
    outcome = classify(*scores)
    assert outcome == NOT_ENOUGH_DATA
    assert outcome.summary == "Not enough data"
    assert not outcome.enough_data


def test_it_summarises_the_classification_in_words():
    assert classify(18, 14, 6, 5).summary == "Reliable recovery"
    assert classify(16, 5, 10, 5).summary == "Reliable improvement"
    assert classify(4, 3, 10, 3).summary == "Reliable deterioration"
    assert classify(10, 8, 9, 7).summary == "Recovery (change not reliable)"
    assert classify(16, 5, 11, 5).summary == "No reliable change"
