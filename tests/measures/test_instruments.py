"""The questionnaire registry: ranges, bands, reverse scoring, risk items and missing answers."""

import pytest

from measures import instruments
from measures.instruments import EPDS, GAD7, INSTRUMENTS, PHQ9, PHQA, WSAS, score


def answers_all(instrument, code="0", **overrides):
    answers = {item.key: code for item in instrument.items if item.scored}
    for item in instrument.items:
        if not item.scored:
            answers[item.key] = item.options[-1].code
    answers.update(overrides)
    return answers


@pytest.mark.parametrize("instrument", INSTRUMENTS.values(), ids=list(INSTRUMENTS))
def test_it_covers_the_whole_range_with_bands_and_no_gaps(instrument):
    covered = []
    for band in instrument.bands:
        covered.extend(range(band.low, band.high + 1))
    assert covered == list(range(instrument.min_total, instrument.max_total + 1))


@pytest.mark.parametrize("instrument", INSTRUMENTS.values(), ids=list(INSTRUMENTS))
def test_it_reaches_the_top_and_bottom_of_each_range(instrument):
    lowest = {}
    highest = {}
    for item in instrument.items:
        scored = [o for o in item.options if o.score is not None] or list(item.options)
        lowest[item.key] = min(scored, key=lambda o: o.score or 0).code
        highest[item.key] = max(scored, key=lambda o: o.score or 0).code
    assert score(instrument, lowest).total == instrument.min_total
    assert score(instrument, highest).total == instrument.max_total


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "Minimal"),
        (4, "Minimal"),
        (5, "Mild"),
        (9, "Mild"),
        (10, "Moderate"),
        (14, "Moderate"),
        (15, "Moderately severe"),
        (19, "Moderately severe"),
        (20, "Severe"),
        (27, "Severe"),
    ],
)
def test_it_bands_phq9_at_its_published_cut_offs(total, band):
    assert PHQ9.band_for(total).label == band


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (4, "Minimal"),
        (5, "Mild"),
        (9, "Mild"),
        (10, "Moderate"),
        (14, "Moderate"),
        (15, "Severe"),
        (21, "Severe"),
    ],
)
def test_it_bands_gad7_at_its_published_cut_offs(total, band):
    assert GAD7.band_for(total).label == band


def test_it_scores_phq9_and_opens_risk_on_item_9():
    result = score(PHQ9, answers_all(PHQ9, "2", **{"9": "1"}))
    assert result.complete
    assert result.total == 17
    assert result.band.label == "Moderately severe"
    assert [item.key for item in result.risk_items] == ["9"]


def test_it_keeps_item_9_at_zero_free_of_risk():
    assert not score(PHQ9, answers_all(PHQ9, "3", **{"9": "0"})).risk_positive


def test_it_reverse_scores_epds_items_3_and_5_to_10():
    # The first option shown is scored 0 on items 1, 2 and 4, and 3 on the reversed items.
    result = score(EPDS, answers_all(EPDS, "0"))
    assert result.total == 7 * 3
    reversed_keys = {item.key for item in EPDS.items if item.reverse}
    assert reversed_keys == {"3", "5", "6", "7", "8", "9", "10"}


def test_it_opens_risk_on_epds_item_10_unless_never():
    assert score(EPDS, answers_all(EPDS, "3", **{"10": "2"})).risk_positive  # "Hardly ever"
    assert not score(EPDS, answers_all(EPDS, "3")).risk_positive  # "Never"


@pytest.mark.parametrize("key", ["thoughts_month", "attempt_ever", "9"])
def test_it_opens_risk_on_each_phqa_risk_item(key):
    answers = answers_all(PHQA, "0")
    answers[key] = "yes" if key != "9" else "1"
    assert [item.key for item in score(PHQA, answers).risk_items] == [key]


def test_it_leaves_phqa_extra_items_out_of_the_total():
    answers = answers_all(PHQA, "1", thoughts_month="no", attempt_ever="no", past_year="yes")
    assert score(PHQA, answers).total == 9


def test_it_replaces_one_missing_wsas_item_by_the_mean_of_the_others_rounding_half_up():
    # 1+2+2+2 = 7 over four items: mean 1.75, total 8.75 -> 9.
    result = score(WSAS, {"1": "na", "2": "1", "3": "2", "4": "2", "5": "2"})
    assert result.complete
    assert result.total == 9
    assert result.imputed_items == ("1",)
    # 1+1+1+3 = 6: total 7.5 rounds half up to 8.
    assert score(WSAS, {"2": "1", "3": "1", "4": "1", "5": "3"}).total == 8


def test_it_refuses_wsas_with_two_missing_items():
    result = score(WSAS, {"1": "na", "2": "", "3": "2", "4": "2", "5": "2"})
    assert not result.complete
    assert result.total is None
    assert set(result.errors) == {"1", "2"}


def test_it_marks_each_unanswered_item():
    answers = answers_all(PHQ9, "1")
    del answers["4"]
    result = score(PHQ9, answers)
    assert not result.complete
    assert result.errors == {"4": "Please answer this item."}
    assert result.running_total == 8


def test_it_rejects_an_answer_outside_the_options():
    result = score(GAD7, answers_all(GAD7, "1", **{"3": "4"}))
    assert result.errors == {"3": "That answer is not one of this item's options."}
    assert not result.complete


def test_it_picks_defaults_by_adaptation():
    assert instruments.defaults_for("ipt_a") == ("phqa",)
    assert instruments.defaults_for("perinatal") == ("phq9", "gad7", "epds")
    assert instruments.defaults_for("fb_ipt") == ("smfq",)
    assert instruments.defaults_for("standard") == ("phq9", "gad7")


def test_it_shows_a_source_and_licence_for_every_instrument():
    for instrument in INSTRUMENTS.values():
        assert instrument.source and instrument.licence


def test_it_scores_the_smfq_child_self_report_0_to_26_with_its_cut_off_of_8():
    smfq = instruments.get("smfq")
    assert len(smfq.scored_items) == 13
    assert [o.label for o in smfq.items[0].options] == ["Not true", "Sometimes", "True"]
    assert score(smfq, {str(n): "2" for n in range(1, 14)}).total == 26
    seven = score(smfq, {str(n): "1" if n <= 7 else "0" for n in range(1, 14)})
    eight = score(smfq, {str(n): "1" if n <= 8 else "0" for n in range(1, 14)})
    assert (seven.total, seven.band.label) == (7, "Below the screening cut-off")
    assert (eight.total, eight.band.label) == (8, "At or above the screening cut-off")
    assert smfq.caseness == 8 and smfq.reliable_change is None
    assert not any(item.is_risk_item for item in smfq.items)  # so risk is asked in session


def test_every_outcome_threshold_cites_its_source():
    for instrument in INSTRUMENTS.values():
        if instrument.caseness is not None:
            assert f"Caseness {instrument.caseness}" in instrument.thresholds_source
            if instrument.reliable_change is not None:
                assert f"change {instrument.reliable_change}" in instrument.thresholds_source
            else:
                assert "reliable-change threshold" in instrument.thresholds_source
