"""Each questionnaire's declaration against its published scoring guide.

The expected scores here are written out from the published scoring instructions, not read
from the declarations: answers are given by their printed labels, as a client ticks them, and
each worked example's total, band and risk follow the source's rules by hand. A wrong score,
order, reversal, band or risk answer in a declaration makes one of these fail.
"""

import pytest

from measures.instruments import ASRM, EPDS, GAD7, INSTRUMENTS, PHQ9, PHQA, SMFQ, WSAS, score

FREQUENCY = ["Not at all", "Several days", "More than half the days", "Nearly every day"]


def by_label(instrument, labels: dict[str, str]) -> dict[str, str]:
    """The codes the form would post for answers given by their printed labels."""
    answers = {}
    for key, label in labels.items():
        item = next(item for item in instrument.items if item.key == key)
        codes = [option.code for option in item.options if option.label == label]
        assert len(codes) == 1, f"{instrument.short_name} item {key} has no answer {label!r}"
        answers[key] = codes[0]
    return answers


def same(label: str, keys) -> dict[str, str]:
    return {str(key): label for key in keys}


def printed_scores(instrument) -> dict[str, list[tuple[str, int | None]]]:
    return {
        item.key: [(option.label, option.score) for option in item.options]
        for item in instrument.items
    }


def check(instrument, labels, total, band, risk_keys=()):
    result = score(instrument, by_label(instrument, labels))
    assert result.errors == {}
    assert (result.total, result.band.label) == (total, band)
    assert [item.key for item in result.risk_items] == list(risk_keys)


# --- PHQ-9: Kroenke, Spitzer & Williams (2001); 0-3 per item, 5/10/15/20 cut-points, item 9.


def test_it_scores_each_phq9_item_not_at_all_0_to_nearly_every_day_3():
    expected = {str(key): list(zip(FREQUENCY, [0, 1, 2, 3], strict=True)) for key in range(1, 10)}
    assert printed_scores(PHQ9) == expected
    assert (PHQ9.min_total, PHQ9.max_total) == (0, 27)


@pytest.mark.parametrize(
    ("labels", "total", "band", "risk"),
    [
        (same("Not at all", range(1, 10)), 0, "Minimal", ()),
        (same("Several days", range(1, 5)) | same("Not at all", range(5, 10)), 4, "Minimal", ()),
        (same("Several days", range(1, 6)) | same("Not at all", range(6, 10)), 5, "Mild", ()),
        (same("Several days", range(1, 10)), 9, "Mild", ("9",)),
        (
            same("More than half the days", range(1, 6)) | same("Not at all", range(6, 10)),
            10,
            "Moderate",
            (),
        ),
        (
            same("More than half the days", range(1, 9)) | {"9": "Not at all"},
            16,
            "Moderately severe",
            (),
        ),
        (
            same("Nearly every day", range(1, 7))
            | same("More than half the days", [7, 8])
            | {"9": "Not at all"},
            22,
            "Severe",
            (),
        ),
        (same("Nearly every day", range(1, 10)), 27, "Severe", ("9",)),
    ],
)
def test_it_scores_phq9_worked_examples_as_the_published_guide(labels, total, band, risk):
    check(PHQ9, labels, total, band, risk)


def test_it_keeps_phq9_outcome_thresholds_at_caseness_10_and_change_6():
    assert (PHQ9.caseness, PHQ9.reliable_change) == (10, 6)
    assert [(b.low, b.high) for b in PHQ9.bands] == [(0, 4), (5, 9), (10, 14), (15, 19), (20, 27)]


# --- GAD-7: Spitzer, Kroenke, Williams & Löwe (2006); 0-3 per item, 5/10/15 cut-points.


def test_it_scores_each_gad7_item_not_at_all_0_to_nearly_every_day_3():
    expected = {str(key): list(zip(FREQUENCY, [0, 1, 2, 3], strict=True)) for key in range(1, 8)}
    assert printed_scores(GAD7) == expected
    assert (GAD7.min_total, GAD7.max_total) == (0, 21)
    assert not any(item.is_risk_item for item in GAD7.items)


@pytest.mark.parametrize(
    ("labels", "total", "band"),
    [
        (same("Not at all", range(1, 8)), 0, "Minimal"),
        (same("Several days", range(1, 5)) | same("Not at all", range(5, 8)), 4, "Minimal"),
        (same("Several days", range(1, 8)), 7, "Mild"),
        (same("More than half the days", range(1, 6)) | same("Not at all", [6, 7]), 10, "Moderate"),
        (same("More than half the days", range(1, 8)), 14, "Moderate"),
        (same("Nearly every day", range(1, 6)) | same("Not at all", [6, 7]), 15, "Severe"),
        (same("Nearly every day", range(1, 8)), 21, "Severe"),
    ],
)
def test_it_scores_gad7_worked_examples_as_the_published_guide(labels, total, band):
    check(GAD7, labels, total, band)


def test_it_keeps_gad7_outcome_thresholds_at_caseness_8_and_change_4():
    assert (GAD7.caseness, GAD7.reliable_change) == (8, 4)


# --- PHQ-A: Johnson et al. (2002); scored as the PHQ-9, the extra questions outside the total.


def test_it_scores_the_nine_phqa_items_as_the_phq9_and_the_extra_questions_not_at_all():
    scores = printed_scores(PHQA)
    for key in range(1, 10):
        assert scores[str(key)] == list(zip(FREQUENCY, [0, 1, 2, 3], strict=True))
    extras = ["past_year", "difficulty", "thoughts_month", "attempt_ever"]
    assert [item.key for item in PHQA.items if not item.scored] == extras
    assert all(score is None for key in extras for _, score in scores[key])
    assert (PHQA.min_total, PHQA.max_total, PHQA.caseness, PHQA.reliable_change) == (
        0,
        27,
        11,
        None,
    )


PHQA_CALM_EXTRAS = {
    "past_year": "No",
    "difficulty": "Not difficult at all",
    "thoughts_month": "No",
    "attempt_ever": "No",
}


@pytest.mark.parametrize(
    ("labels", "total", "band", "risk"),
    [
        (same("Not at all", range(1, 10)) | PHQA_CALM_EXTRAS, 0, "Minimal", ()),
        (
            same("Several days", range(1, 10))
            | PHQA_CALM_EXTRAS
            | {"past_year": "Yes", "difficulty": "Extremely difficult"},
            9,
            "Mild",
            ("9",),
        ),
        (
            same("More than half the days", range(1, 7))
            | same("Not at all", [7, 8, 9])
            | PHQA_CALM_EXTRAS
            | {"attempt_ever": "Yes"},
            12,
            "Moderate",
            ("attempt_ever",),
        ),
        (
            same("Nearly every day", range(1, 10))
            | PHQA_CALM_EXTRAS
            | {"thoughts_month": "Yes", "attempt_ever": "Yes"},
            27,
            "Severe",
            ("9", "thoughts_month", "attempt_ever"),
        ),
    ],
)
def test_it_scores_phqa_worked_examples_as_the_published_guide(labels, total, band, risk):
    check(PHQA, labels, total, band, risk)


# --- EPDS: Cox, Holden & Sagovsky (1987). Items 1, 2 and 4: top answer 0, bottom 3. Items 3 and
# 5-10 (starred): reverse scored, top answer 3, bottom 0. Any score above 0 on item 10 is risk.

# Each item's answers in the printed order, and whether it is starred (reverse scored).
EPDS_PRINTED = {
    "1": (
        [
            "As much as I always could",
            "Not quite so much now",
            "Definitely not so much now",
            "Not at all",
        ],
        False,
    ),
    "2": (
        [
            "As much as I ever did",
            "Rather less than I used to",
            "Definitely less than I used to",
            "Hardly at all",
        ],
        False,
    ),
    "3": (["Yes, most of the time", "Yes, some of the time", "Not very often", "No, never"], True),
    "4": (["No, not at all", "Hardly ever", "Yes, sometimes", "Yes, very often"], False),
    "5": (["Yes, quite a lot", "Yes, sometimes", "No, not much", "No, not at all"], True),
    "6": (
        [
            "Yes, most of the time I haven't been able to cope at all",
            "Yes, sometimes I haven't been coping as well as usual",
            "No, most of the time I have coped quite well",
            "No, I have been coping as well as ever",
        ],
        True,
    ),
    "7": (["Yes, most of the time", "Yes, sometimes", "Not very often", "No, not at all"], True),
    "8": (["Yes, most of the time", "Yes, quite often", "Not very often", "No, not at all"], True),
    "9": (["Yes, most of the time", "Yes, quite often", "Only occasionally", "No, never"], True),
    "10": (["Yes, quite often", "Sometimes", "Hardly ever", "Never"], True),
}


def test_it_scores_each_epds_answer_top_0_to_bottom_3_and_the_starred_items_the_other_way():
    expected = {
        key: list(zip(labels, [3, 2, 1, 0] if starred else [0, 1, 2, 3], strict=True))
        for key, (labels, starred) in EPDS_PRINTED.items()
    }
    assert printed_scores(EPDS) == expected
    assert [item.key for item in EPDS.items if item.reverse] == ["3", "5", "6", "7", "8", "9", "10"]


def epds_all(position: int, **changes) -> dict[str, str]:
    """The answer at ``position`` (0 top, -1 bottom) on every item, then ``changes``."""
    return {key: labels[position] for key, (labels, _) in EPDS_PRINTED.items()} | changes


@pytest.mark.parametrize(
    ("labels", "total", "band", "risk"),
    [
        # The bottom answer everywhere: 3 on items 1, 2 and 4 only.
        (epds_all(-1), 9, "Depression unlikely", ()),
        (epds_all(-1) | {"3": "Not very often"}, 10, "Possible depression", ()),
        (
            epds_all(-1) | {"3": "Not very often", "8": "Yes, quite often", "10": "Hardly ever"},
            13,
            "Probable depression",
            ("10",),
        ),
        # The top answer everywhere: 3 on each of the seven starred items.
        (epds_all(0), 21, "Probable depression", ("10",)),
        (
            epds_all(0) | {"1": "Not at all", "2": "Hardly at all", "4": "Yes, very often"},
            30,
            "Probable depression",
            ("10",),
        ),
        (epds_all(0) | {"10": "Never"}, 18, "Probable depression", ()),
    ],
)
def test_it_scores_epds_worked_examples_as_the_published_guide(labels, total, band, risk):
    check(EPDS, labels, total, band, risk)


def test_it_keeps_epds_outcome_thresholds_at_caseness_13_and_change_4():
    assert (EPDS.min_total, EPDS.max_total, EPDS.caseness, EPDS.reliable_change) == (0, 30, 13, 4)


# --- SMFQ: Angold et al. (1995); 13 items, not true 0, sometimes 1, true 2; total 0-26.


def test_it_scores_each_smfq_item_not_true_0_sometimes_1_true_2():
    expected = [("Not true", 0), ("Sometimes", 1), ("True", 2)]
    assert printed_scores(SMFQ) == {str(key): expected for key in range(1, 14)}
    assert (SMFQ.min_total, SMFQ.max_total, SMFQ.caseness) == (0, 26, 8)
    assert SMFQ.lacks_self_harm_item


@pytest.mark.parametrize(
    ("labels", "total", "band"),
    [
        (same("Not true", range(1, 14)), 0, "Below the screening cut-off"),
        (
            same("Sometimes", range(1, 8)) | same("Not true", range(8, 14)),
            7,
            "Below the screening cut-off",
        ),
        (
            same("True", range(1, 5)) | same("Not true", range(5, 14)),
            8,
            "At or above the screening cut-off",
        ),
        (same("Sometimes", range(1, 14)), 13, "At or above the screening cut-off"),
        (same("True", range(1, 14)), 26, "At or above the screening cut-off"),
    ],
)
def test_it_scores_smfq_worked_examples_as_the_published_guide(labels, total, band):
    check(SMFQ, labels, total, band)


# --- WSAS: Mundt, Marks, Shear & Greist (2002); five items 0-8, total 0-40; below 10
# subclinical, 10-20 significant impairment, above 20 moderately severe or worse.


def test_it_scores_each_wsas_item_0_to_8_with_not_applicable_unscored():
    for item in WSAS.items:
        scored = [option for option in item.options if option.score is not None]
        assert [option.score for option in scored] == list(range(9))
        assert [option.label[0] for option in scored] == [str(n) for n in range(9)]
        assert [(o.label, o.score) for o in item.options if o.score is None] == [
            ("Not applicable", None)
        ]
    assert (WSAS.min_total, WSAS.max_total, WSAS.caseness) == (0, 40, None)


@pytest.mark.parametrize(
    ("labels", "total", "band"),
    [
        (same("0 - Not at all impaired", range(1, 6)), 0, "Subclinical"),
        (same("2 - Slightly", range(1, 5)) | {"5": "1"}, 9, "Subclinical"),
        (same("2 - Slightly", range(1, 6)), 10, "Significant impairment"),
        (same("4 - Definitely", range(1, 6)), 20, "Significant impairment"),
        (same("5", range(1, 5)) | {"5": "1"}, 21, "Moderately severe impairment or worse"),
        (
            same("8 - Very severely impaired", range(1, 6)),
            40,
            "Moderately severe impairment or worse",
        ),
        # Not working: the work item is replaced by the mean of the other four (6).
        (
            {"1": "Not applicable"} | same("6 - Markedly", range(2, 6)),
            30,
            "Moderately severe impairment or worse",
        ),
    ],
)
def test_it_scores_wsas_worked_examples_as_the_published_guide(labels, total, band):
    check(WSAS, labels, total, band)


# --- ASRM: Altman, Hedeker, Peterson & Davis (1997); five items, each five statements scored
# 0-4 in printed order, total 0-20; 6 or more is a positive screen for mania or hypomania.

ASRM_FIRST = {
    "1": "I do not feel happier or more cheerful than usual",
    "2": "I do not feel more self-confident than usual",
    "3": "I do not need less sleep than usual",
    "4": "I do not talk more than usual",
    "5": "I have not been more active than usual",
}
ASRM_OFTEN = {
    "1": "I often feel happier or more cheerful than usual",
    "2": "I often feel more self-confident than usual",
    "3": "I often need less sleep than usual",
    "4": "I often talk more than usual",
    "5": "I have often been more active than usual",
}


def test_it_scores_each_asrm_item_0_to_4_in_printed_order():
    for item in ASRM.items:
        assert [option.score for option in item.options] == [0, 1, 2, 3, 4]
    assert (ASRM.min_total, ASRM.max_total, ASRM.caseness) == (0, 20, None)
    assert ASRM.screen_positive_at == 6
    assert not any(item.is_risk_item for item in ASRM.items)


@pytest.mark.parametrize(
    ("labels", "total", "band", "positive"),
    [
        (ASRM_FIRST, 0, "Below the mania screening cut-off", False),
        # 2 + 2 + 1 + 0 + 0 = 5: one below the cut-off.
        (
            ASRM_FIRST
            | {k: ASRM_OFTEN[k] for k in ("1", "2")}
            | {"3": "I occasionally need less sleep than usual"},
            5,
            "Below the mania screening cut-off",
            False,
        ),
        # 2 + 2 + 2 + 0 + 0 = 6: at the cut-off, positive.
        (
            ASRM_FIRST | {k: ASRM_OFTEN[k] for k in ("1", "2", "3")},
            6,
            "Possible mania or hypomania",
            True,
        ),
        (ASRM_OFTEN, 10, "Possible mania or hypomania", True),
        (
            {
                "1": "I feel happier or more cheerful than usual all of the time",
                "2": "I feel extremely self-confident all of the time",
                "3": "I can go all day and all night without any sleep and still not feel tired",
                "4": "I talk constantly and cannot be interrupted",
                "5": "I am constantly more active or on the go all the time",
            },
            20,
            "Possible mania or hypomania",
            True,
        ),
    ],
)
def test_it_scores_asrm_worked_examples_against_the_cut_off_of_6(labels, total, band, positive):
    check(ASRM, labels, total, band)
    assert ASRM.screens_positive(total) is positive


def test_it_has_a_worked_example_test_for_every_registered_instrument():
    tested = {"phq9", "gad7", "phqa", "epds", "smfq", "wsas", "asrm"}
    assert set(INSTRUMENTS) == tested
