import pytest

from cases.outcomes import not_on_track as rule
from cases.outcomes import plan_for
from measures import instruments

RULE = {"from_session": 6, "min_fall": 3}
THRESHOLDS = instruments.thresholds()


def not_on_track(points, attended, adaptation="standard", **overrides):
    """Adult points as (PHQ-9, GAD-7) pairs, None when not taken; others as dicts."""
    as_dicts = [
        point
        if isinstance(point, dict)
        else {c: t for c, t in zip(("phq9", "gad7"), point, strict=True) if t is not None}
        for point in points
    ]
    return rule(plan_for(adaptation), THRESHOLDS, as_dicts, attended, **(RULE | overrides))


@pytest.mark.parametrize(
    ("name", "points", "attended", "expected"),
    [
        ("improving early", [(15, 10), (12, 9)], 3, False),
        ("before session 6 a flat phq9 is fine", [(15, 10), (15, 10)], 5, False),
        ("from session 6 a flat phq9 is not on track", [(15, 10), (15, 10)], 6, True),
        ("from session 6 a fall of 2 is not enough", [(15, 10), (13, 10)], 7, True),
        ("from session 6 a fall of exactly 3 is on track", [(15, 10), (12, 10)], 6, False),
        ("reliable deterioration at a middle point", [(8, 5), (14, 5), (7, 4)], 4, True),
        ("deterioration cancelled by improvement", [(15, 12), (21, 8)], 3, False),
        ("gad7 deterioration alone", [(8, 5), (None, 9)], 2, True),
        ("no scores at all", [], 10, False),
        ("only gad7, from session 6", [(None, 10), (None, 9)], 8, False),
    ],
)
def test_it_flags_courses_not_on_track(name, points, attended, expected):
    assert not_on_track(points, attended) is expected


def test_it_reads_the_thresholds_it_is_given():
    points = [(15, 10), (12, 10)]
    assert not_on_track(points, 6, from_session=6, min_fall=4) is True
    assert not_on_track(points, 6, from_session=7, min_fall=4) is False


@pytest.mark.parametrize(
    ("name", "adaptation", "points", "attended", "expected"),
    [
        ("phqa 15 to 24 in session 3", "ipt_a", [{"phqa": 15}, {"phqa": 24}], 3, True),
        ("phqa up 3, no threshold: flagged", "ipt_a", [{"phqa": 15}, {"phqa": 18}], 2, True),
        ("phqa up 2 early is not", "ipt_a", [{"phqa": 15}, {"phqa": 17}], 2, False),
        ("phqa flat from session 6", "ipt_a", [{"phqa": 15}, {"phqa": 14}], 6, True),
        ("smfq falling", "fb_ipt", [{"smfq": 16}, {"smfq": 10}], 8, False),
        ("smfq up 3", "fb_ipt", [{"smfq": 10}, {"smfq": 13}], 2, True),
        ("epds flat from session 6, no phq9", "perinatal", [{"epds": 10}, {"epds": 10}], 9, True),
        ("epds reliable rise", "perinatal", [{"phq9": 12, "epds": 9}, {"epds": 13}], 2, True),
        ("phq9 leads when both", "perinatal", [{"phq9": 15, "epds": 12}, {"phq9": 9}], 9, False),
        ("a phqa on an adult is ignored", "standard", [{"phqa": 5}, {"phqa": 20}], 2, False),
    ],
)
def test_it_reads_each_adaptation_s_own_measures(name, adaptation, points, attended, expected):
    assert not_on_track(points, attended, adaptation) is expected
