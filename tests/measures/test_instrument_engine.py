"""The one engine behind every questionnaire: it refuses a declaration that contradicts itself,
and scores any declared questionnaire the same way (invalid answers, risk answers, reversal)."""

import dataclasses

import pytest

from measures import instruments
from measures.instruments import (
    Band,
    DeclarationError,
    Option,
    Question,
    Questionnaire,
    RiskItem,
    build,
    epds,
    phq9,
    phqa,
    scale,
    score,
    wsas,
)

# A small made-up questionnaire, as a new one would be added: a table, no scoring code.
MOOD_CHECK = Questionnaire(
    code="mood",
    name="Mood check (a test questionnaire)",
    short_name="Mood",
    stem="In the past week:",
    measures="depression",
    answers=scale("Never", "Sometimes", "Often"),
    questions=(
        Question("low", "I felt low"),
        Question("well", "I felt well"),
        Question("harm", "I thought of harming myself"),
        Question(
            "help",
            "Would you like a call?",
            answers=(Option("y", "Yes", None), Option("n", "No", None)),
            scored=False,
        ),
    ),
    reversed_items=("well",),
    risk_items=(RiskItem("harm", positive=("Sometimes", "Often"), note="Opens a risk flag."),),
    total=(0, 6),
    bands=(Band(0, 2, "Low", 0), Band(3, 6, "High", 3)),
    caseness=3,
    thresholds_source="Caseness 3: a made-up paper.",
    source="A made-up source.",
    licence="Free.",
)


def test_it_builds_every_registered_instrument_from_its_declaration():
    assert [q.code for q in instruments.DECLARED] == list(instruments.INSTRUMENTS)
    for declared in instruments.DECLARED:
        assert build(declared) == instruments.get(declared.code)


def test_it_scores_a_newly_declared_questionnaire_without_new_code():
    mood = build(MOOD_CHECK)
    # "Never" on the reversed item scores 2: 1 + 2 + 0.
    result = score(mood, {"low": "1", "well": "0", "harm": "0", "help": "n"})
    assert (result.total, result.band.label, result.risk_positive) == (3, "High", False)
    assert [o.score for o in mood.items[1].options] == [2, 1, 0]
    assert mood.items[1].reverse and not mood.items[0].reverse


def test_it_opens_risk_on_a_positive_risk_answer_even_before_the_form_is_complete():
    mood = build(MOOD_CHECK)
    result = score(mood, {"harm": "2"})
    assert not result.complete
    assert [item.key for item in result.risk_items] == ["harm"]
    assert mood.items[2].risk_note == "Opens a risk flag."
    assert [o.risk for o in mood.items[2].options] == [False, True, True]
    assert not any(o.risk for item in mood.items if item.key != "harm" for o in item.options)


def test_it_rejects_answers_that_are_not_the_items_options_and_gives_no_total():
    mood = build(MOOD_CHECK)
    result = score(mood, {"low": "3", "well": "yes", "harm": "0", "help": "2"})
    assert result.total is None and result.band is None
    assert result.errors == {
        "low": "That answer is not one of this item's options.",
        "well": "That answer is not one of this item's options.",
        "help": "That answer is not one of this item's options.",
    }


def test_it_asks_for_every_item_including_unscored_ones():
    result = score(build(MOOD_CHECK), {"low": "0", "well": "2", "harm": "0"})
    assert result.errors == {"help": "Please answer this item."}
    assert result.running_total == 0


def broken(declared, **changes):
    with pytest.raises(DeclarationError) as raised:
        build(dataclasses.replace(declared, **changes))
    return str(raised.value)


def test_it_refuses_a_declared_range_the_items_do_not_add_up_to():
    assert "add up to 0-27" in broken(phq9.QUESTIONNAIRE, total=(0, 30))
    one_item_short = phq9.QUESTIONNAIRE.questions[:-1]
    assert "add up to 0-24" in broken(phq9.QUESTIONNAIRE, questions=one_item_short, risk_items=())


def test_it_refuses_bands_with_a_gap_an_overlap_or_a_short_end():
    bands = phq9.QUESTIONNAIRE.bands
    gap = (bands[0], dataclasses.replace(bands[1], low=6), *bands[2:])
    overlap = (bands[0], dataclasses.replace(bands[1], low=4), *bands[2:])
    assert "gap" in broken(phq9.QUESTIONNAIRE, bands=gap)
    assert "overlaps" in broken(phq9.QUESTIONNAIRE, bands=overlap)
    assert "top of the range" in broken(phq9.QUESTIONNAIRE, bands=bands[:-1])
    assert "level" in broken(phq9.QUESTIONNAIRE, bands=(*bands[:-1], Band(20, 27, "Severe", 5)))


def test_it_refuses_a_risk_answer_that_is_not_one_of_the_items_labels():
    typo = RiskItem("9", positive=("Several Days",), note="x")
    assert "Several Days" in broken(phq9.QUESTIONNAIRE, risk_items=(typo,))
    assert "unknown" in broken(phq9.QUESTIONNAIRE, risk_items=(RiskItem("10", ("Yes",), "x"),))
    no_note = RiskItem("attempt_ever", positive=("Yes",), note="")
    assert "note" in broken(phqa.QUESTIONNAIRE, risk_items=(no_note,))


def test_it_refuses_risk_set_on_an_option_instead_of_in_risk_items():
    flagged = (Option("0", "Never", 0, risk=True), Option("1", "Often", 1))
    assert "risk_items" in broken(MOOD_CHECK, answers=flagged)


def test_it_refuses_a_reversed_item_that_is_not_a_scored_item():
    assert "'11'" in broken(epds.QUESTIONNAIRE, reversed_items=("3", "11"))
    assert "'help'" in broken(MOOD_CHECK, reversed_items=("help",))


def test_it_refuses_scores_on_an_unscored_item_and_an_item_without_scores():
    scored_help = (
        *MOOD_CHECK.questions[:3],
        Question("help", "Would you like a call?", answers=scale("Yes", "No"), scored=False),
    )
    assert "carry no score" in broken(MOOD_CHECK, questions=scored_help)
    unscored_low = (Question("low", "I felt low", answers=scale("No", "Yes", scored=False)),)
    assert "needs scored answers" in broken(
        MOOD_CHECK, questions=unscored_low + MOOD_CHECK.questions[1:]
    )


def test_it_refuses_repeated_item_keys_and_repeated_answer_codes():
    twice = (*MOOD_CHECK.questions, Question("low", "Again"))
    assert "unique" in broken(MOOD_CHECK, questions=twice)
    same_code = (Option("0", "Never", 0), Option("0", "Often", 1))
    assert "distinct codes" in broken(MOOD_CHECK, answers=same_code)
    same_label = (Option("0", "Never", 0), Option("1", "Never", 1))
    assert "same label" in broken(MOOD_CHECK, answers=same_label)


def test_it_refuses_a_questionnaire_without_its_source_licence_or_thresholds_source():
    assert "published source" in broken(MOOD_CHECK, source=" ")
    assert "published source" in broken(MOOD_CHECK, licence="")
    assert "cite where the thresholds" in broken(MOOD_CHECK, thresholds_source="")
    assert "outside the range" in broken(MOOD_CHECK, caseness=7)
    assert "reliable change" in broken(MOOD_CHECK, caseness=None, reliable_change=2)


def test_it_refuses_imputing_more_items_than_leave_one_to_impute_from():
    assert "imputable_missing" in broken(wsas.QUESTIONNAIRE, imputable_missing=5)
