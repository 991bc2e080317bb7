"""The outcome rules, one row per rule and edge: NHS Talking Therapies for the adult plan, and
the same rules read from each adaptation's own measures."""

import pytest

from cases.models.courses import Adaptation
from cases.outcomes import (
    ADULT_PLAN,
    MEASURE_PLANS,
    NOT_ENOUGH_DATA,
    Outcome,
    classify_series,
    plan_for,
)
from measures import instruments

T, F, N = True, False, None
THRESHOLDS = instruments.thresholds()


def classify(phq9_first, gad7_first, phq9_last, gad7_last) -> Outcome:
    """The adult plan from first and last PHQ-9 and GAD-7 (None: not taken then)."""

    def series(first, last):
        return (
            [total for total in (first, last) if total is not None]
            if last is not None
            else ([first] if first is not None else [])
        )

    return classify_series(
        ADULT_PLAN,
        THRESHOLDS,
        {"phq9": series(phq9_first, phq9_last), "gad7": series(gad7_first, gad7_last)},
    )


def classify_plan(adaptation: str, **series) -> Outcome:
    return classify_series(plan_for(adaptation), THRESHOLDS, series)


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
    # An anxiety fall never makes a recovery while depression stays at caseness.
    ("gad7 recovers but phq9 still at caseness", (12, 12, 11, 3), (T, F, T, F, F)),
    # A measure missing its first or last score is left out...
    ("gad7 missing at last: phq9 alone", (18, 14, 6, None), (T, T, T, F, T)),
    ("gad7 missing at first: phq9 alone", (9, None, 9, 2), (F, F, F, F, F)),
    # ...but never the depression measure: without it nothing is classified.
    ("phq9 missing: gad7 alone is not classified", (None, 12, None, 7), (N, N, N, N, N)),
    ("phq9 once only: gad7 alone is not classified", (15, 12, None, 7), (N, N, N, N, N)),
    # A reliable rise is still flagged when the course cannot be classified.
    ("phq9 last missing, gad7 rise still flagged", (20, 3, None, 8), (N, N, N, T, N)),
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
    assert classify(None, 12, None, 5).summary == "Not classified: no paired PHQ-9"


def test_it_says_why_it_could_not_classify_and_keeps_the_raw_change():
    outcome = classify(None, 12, None, 5)
    assert outcome.notes == ("No PHQ-9 was recorded, so the change cannot be classified.",)
    assert outcome.anxiety.in_words == "GAD-7 12 to 5 (down 7)"
    assert outcome.depression.in_words == "PHQ-9 not recorded"


def test_it_notes_a_course_classified_on_the_depression_measure_alone():
    outcome = classify(18, 14, 6, None)
    assert outcome.reliable_recovery
    assert "PHQ-9 alone" in outcome.notes[0]


def test_every_adaptation_has_a_measure_plan_the_registry_knows():
    assert set(MEASURE_PLANS) == set(Adaptation.values)
    for plan in MEASURE_PLANS.values():
        assert all(code in THRESHOLDS for code in plan.codes)
        assert THRESHOLDS[plan.depression].depression
    assert plan_for("ipt_a").codes == ("phqa",)
    assert plan_for("fb_ipt").codes == ("smfq",)
    assert plan_for("perinatal").codes == ("phq9", "gad7", "epds")
    for adult in ("standard", "late_life", "group", "ipsrt"):
        assert plan_for(adult) == ADULT_PLAN


# Perinatal: PHQ-9 and GAD-7 as NHS Talking Therapies counts them, and the EPDS beside them.


def test_perinatal_with_the_epds_still_at_caseness_is_not_recovered():
    outcome = classify_plan("perinatal", phq9=[16, 7], gad7=[12, 5], epds=[17, 14])
    assert (outcome.caseness, outcome.recovery, outcome.reliable_improvement) == (T, F, T)
    assert outcome.summary == "Reliable improvement"
    assert "EPDS was still 14" in outcome.notes[0]


def test_perinatal_recovers_when_the_epds_agrees():
    outcome = classify_plan("perinatal", phq9=[16, 7], gad7=[12, 5], epds=[17, 9])
    assert outcome.reliable_recovery and outcome.notes == ()


def test_perinatal_epds_reliable_rise_is_deterioration_at_exactly_4():
    assert classify_plan("perinatal", phq9=[12, 12], epds=[10, 14]).reliable_deterioration
    assert not classify_plan("perinatal", phq9=[12, 12], epds=[10, 13]).reliable_deterioration


def test_perinatal_epds_10_unchanged_without_a_phq9_is_not_recovery():
    outcome = classify_plan("perinatal", gad7=[12, 7], epds=[10, 10])
    assert outcome.recovery is None and outcome.reliable_recovery is None
    assert outcome.summary == "Not classified: no paired PHQ-9"
    assert [c.in_words for c in outcome.changes if c.paired] == [
        "GAD-7 12 to 7 (down 5)",
        "EPDS 10 to 10 (no change)",
    ]


# Measures with no published reliable-change threshold: PHQ-A and SMFQ.


def test_phqa_caseness_is_11_and_reliable_change_is_not_claimed():
    down = classify_plan("ipt_a", phqa=[15, 8])
    assert (down.caseness, down.recovery, down.reliable_improvement) == (T, T, N)
    assert down.reliable_recovery is None
    assert down.summary == "Below the cut-off (reliable change not known)"
    assert "No reliable-change threshold is published for the PHQ-A" in down.notes[0]
    assert not classify_plan("ipt_a", phqa=[10, 10]).caseness
    assert classify_plan("ipt_a", phqa=[11, 10]).recovery


def test_phqa_rise_from_15_to_24_is_shown_as_a_rise_not_as_no_data():
    outcome = classify_plan("ipt_a", phqa=[15, 24])
    assert outcome.enough_data
    assert outcome.summary == "Higher (reliable change not known)"
    assert outcome.depression.in_words == "PHQ-A 15 to 24 (up 9)"


def test_smfq_reads_its_cut_off_of_8():
    assert classify_plan("fb_ipt", smfq=[8, 7]).recovery
    assert not classify_plan("fb_ipt", smfq=[7, 3]).caseness
    assert classify_plan("fb_ipt", smfq=[14, 14]).summary == "Unchanged"


def test_it_ranks_summaries_worst_first():
    worst = classify(4, 3, 10, 3)
    unknown_rise = classify_plan("ipt_a", phqa=[15, 24])
    best = classify(18, 14, 6, 5)
    nothing = classify(None, None, None, None)
    assert worst.rank < unknown_rise.rank < best.rank < nothing.rank
