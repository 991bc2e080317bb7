"""The Social Rhythm Metric's weekly score and chart, on weeks worked out by hand.

Scoring (Monk et al. 1990; 2002): an anchor's habitual time is the week's mean; a day within 45
minutes of it is a hit; anchors recorded on fewer than 3 days are left out; the score is the
mean hits of the anchors that count (0-7).
"""

import datetime

import pytest

from measures.rhythm import ANCHORS, parse_time, score_anchor, score_week
from measures.rhythm_chart import chart_for

T = datetime.time
MONDAY = datetime.date(2026, 11, 2)
BY_KEY = {anchor.key: anchor for anchor in ANCHORS}


def week(**columns) -> list[dict]:
    """Seven days from per-anchor columns of times (None: not recorded that day)."""
    return [
        {key: (times[day] if day < len(times) else None) for key, times in columns.items()}
        for day in range(7)
    ]


KNOWN_WEEK = week(
    # Mean 7:30; six mornings 30 minutes off (hits), Sunday's 10:30 is 3 hours off: 6 hits.
    out_of_bed=[T(7), T(7), T(7), T(7), T(7), T(7), T(10, 30)],
    # Every day at 8:00: 7 hits.
    first_contact=[T(8)] * 7,
    # Five days; mean 9:09, every day within 36 minutes: 5 hits.
    work_start=[T(9), T(9), T(9), T(9, 45), T(9)],
    # Two days only: left out of the score.
    dinner=[T(18), T(21)],
    # After midnight counts as late evening: mean 23:34; 00:30 is 56 minutes off: 6 hits.
    to_bed=[T(23), T(23, 30), T(0, 30), T(23), T(23, 30), T(0), T(23, 30)],
)


def test_it_scores_a_known_week_as_the_mean_hits_of_the_anchors_that_count():
    scored = score_week(MONDAY, KNOWN_WEEK)
    hits = {a.anchor.key: (a.hits, a.counts) for a in scored.anchors}
    assert hits == {
        "out_of_bed": (6, True),
        "first_contact": (7, True),
        "work_start": (5, True),
        "dinner": (0, False),
        "to_bed": (6, True),
    }
    # (6 + 7 + 5 + 6) / 4 anchors = 6.0
    assert scored.score == 6.0
    assert scored.days_recorded == 7


def test_it_reads_bed_times_after_midnight_as_the_same_night():
    bed = score_anchor(BY_KEY["to_bed"], [T(23, 30), T(0, 30), T(0, 0)])
    # 23:30, 24:30, 24:00: mean 24:00, all within 30 minutes.
    assert bed.habitual_time == "00:00"
    assert bed.hits == 3
    # Getting up is not shifted: 00:30 out of bed is half past midnight, far from 7:00
    # (mean 4:50, so no day is within 45 minutes of it).
    up = score_anchor(BY_KEY["out_of_bed"], [T(7), T(7), T(0, 30)])
    assert up.times == (420, 420, 30)
    assert up.hits == 0


def test_it_counts_exactly_45_minutes_as_a_hit_and_46_as_a_miss():
    on_edge = score_anchor(BY_KEY["dinner"], [T(18), T(18, 45), T(19, 30)])  # mean 18:45
    assert on_edge.hits == 3
    past_edge = score_anchor(BY_KEY["dinner"], [T(18), T(18, 46), T(19, 32)])  # mean 18:46
    assert past_edge.hits == 1


def test_it_leaves_a_week_unscored_when_no_anchor_was_recorded_on_3_days():
    scored = score_week(MONDAY, week(out_of_bed=[T(7), T(7)], dinner=[T(19)]))
    assert scored.score is None


def test_it_gives_7_to_a_perfectly_regular_week_and_0_when_nothing_repeats():
    regular = score_week(MONDAY, week(**{a.key: [T(20, 0)] * 7 for a in ANCHORS[:4]}))
    assert regular.score == 7.0
    # Three times two hours apart: the mean is the middle one, the others are 2 hours off.
    scattered = score_week(MONDAY, week(out_of_bed=[T(5), T(7), T(9)]))
    assert scattered.score == 1.0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7", T(7)),
        ("730", T(7, 30)),
        ("0730", T(7, 30)),
        ("7:30", T(7, 30)),
        ("23.15", T(23, 15)),
        ("24:00", T(0)),
        ("", None),
    ],
)
def test_it_reads_times_typed_quickly(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "7:61", "seven", "12345"])
def test_it_refuses_what_is_not_a_time(typed):
    with pytest.raises(ValueError):
        parse_time(typed)


def test_it_places_each_scored_week_on_the_chart_by_its_score():
    weeks = [
        score_week(MONDAY, week(first_contact=[T(8)] * 7)),  # 7.0
        score_week(MONDAY + datetime.timedelta(days=7), week(out_of_bed=[T(7)])),  # unscored
        score_week(
            MONDAY + datetime.timedelta(days=14),
            # mean 8:00: 7:00 and 9:00 are misses, the five at 8:00 hits -> 5 of 7.
            week(out_of_bed=[T(7), T(9), T(8), T(8), T(8), T(8), T(8)]),
        ),
    ]
    chart = chart_for(weeks)
    # Plot from x 44 to 604, y 24 (score 7) to 200 (score 0): 176 pixels for 7 points, so
    # 5.0 sits 2/7 of 176 (50.3) below the top.
    assert [(p.x, p.y, p.label) for p in chart.points] == [
        (44.0, 24.0, "7.0"),
        (604.0, 74.3, "5.0"),
    ]
    assert [t["label"] for t in chart.x_ticks] == ["02 Nov", "09 Nov", "16 Nov"]
    assert chart.path == "44.0,24.0 604.0,74.3"
    assert "02 Nov 7.0, 16 Nov 5.0" in chart.description
