import pytest

from cases.outcomes import not_on_track

RULE = {"from_session": 6, "min_phq9_fall": 3}


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
    assert not_on_track(points, attended, **RULE) is expected


def test_it_reads_the_thresholds_it_is_given():
    points = [(15, 10), (12, 10)]
    assert not_on_track(points, 6, from_session=6, min_phq9_fall=4) is True
    assert not_on_track(points, 6, from_session=7, min_phq9_fall=4) is False
