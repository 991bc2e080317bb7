"""The score chart's own labels (band names, caseness names) stay off the scores and lines."""

import random

import pytest

from cases.outcomes import ADULT_PLAN
from measures import chart_labels
from measures.charts import (
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    Point,
    Series,
    _place_labels,
    build_chart,
)
from tests import factories
from tests.measures.factories import make_response

pytestmark = pytest.mark.django_db

PLOT = (LEFT, TOP, WIDTH - RIGHT, HEIGHT - 44)


def caseness_box(line):
    return chart_labels.text_box(line["label_x"], line["y"] + line["dy"], line["label"])


def band_box(band):
    return chart_labels.text_box(WIDTH - RIGHT - 4, band["label_y"], band["label"], anchor_end=True)


def data(chart) -> chart_labels.Obstacles:
    obstacles = chart_labels.Obstacles()
    chart_labels.add_series(obstacles, chart.series)
    return obstacles


def test_labels_stay_in_their_usual_places_unless_something_crosses_them(course):
    chart = build_chart(course, [], [])
    assert [(line["label_x"], line["dy"]) for line in chart.caseness] == [(48, -3), (238, 11)]
    middles = [band["y"] + band["height"] / 2 + 4 for band in chart.bands]
    moved = [
        band["label"] for band, y in zip(chart.bands, middles, strict=True) if band["label_y"] != y
    ]
    # GAD-7's cut-off (8) ran through the middle of "PHQ-9 mild" (5-9): it now sits below it.
    assert moved == ["PHQ-9 mild"]
    mild, gad7 = chart.bands[1], chart.caseness[1]
    assert band_box(mild)[1] > gad7["y"] + 3


def test_a_caseness_name_moves_off_a_score_line_that_runs_through_it(course):
    """The perinatal demo course's problem: a measure's line struck through "PHQ-9 caseness
    (10)" where it always sits, at the chart's left just above its line."""
    sessions = [factories.make_session(course) for _ in range(3)]
    for session, total in zip(sessions, (11, 11, 11), strict=True):
        make_response(course, "gad7", total, session=session, on=session.held_at.date())
    chart = build_chart(course, list(course.questionnaires.all()), sessions, plan=ADULT_PLAN)
    phq9_line = chart.caseness[0]
    assert phq9_line["label"] == "PHQ-9 caseness (10)"
    usual = chart_labels.text_box(48, phq9_line["y"] - 3, phq9_line["label"])
    assert data(chart).hits(usual) > 0  # the GAD-7 line at 11 runs through the usual place
    assert data(chart).hits(caseness_box(phq9_line)) == 0
    assert (phq9_line["label_x"], phq9_line["dy"]) != (48, -3)


def test_a_band_name_moves_inside_its_band_off_a_caseness_line(therapist):
    """EPDS's cut-off (13) runs through the middle of the PHQ-9 moderate band (10-14)."""
    course = factories.make_course(therapist=therapist, adaptation="perinatal")
    chart = build_chart(course, [], [], plan=_plan_of(course))
    epds = next(line for line in chart.caseness if line["label"].startswith("EPDS"))
    moderate = next(band for band in chart.bands if band["label"] == "PHQ-9 moderate")
    box = band_box(moderate)
    assert not (box[1] - 3 < epds["y"] < box[3] + 3)
    assert moderate["y"] <= box[1] and box[3] <= moderate["y"] + moderate["height"]


def test_no_label_is_placed_worse_than_its_usual_place_on_any_chart():
    """Random courses' scores: every label covers no more than it would in its usual place,
    and labels never cover each other."""
    rng = random.Random(18)
    chart = _empty_chart()
    usual_caseness = [(line["label_x"], line["dy"]) for line in chart.caseness]
    usual_bands = [band["label_y"] for band in chart.bands]
    for _ in range(300):
        series = []
        for code in ("phq9", "gad7"):
            s = Series(code, code, "#000", "", "circle")
            sessions = sorted(rng.sample(range(0, 17), rng.randint(1, 8)))
            for number in sessions:
                total = rng.randint(0, 27 if code == "phq9" else 21)
                x = LEFT + (WIDTH - LEFT - RIGHT) * number / 16
                y = TOP + (HEIGHT - TOP - 44) * (1 - total / 27)
                s.points.append(Point(x, y, number, total, "", None))
            series.append(s)
        for line, (x, dy) in zip(chart.caseness, usual_caseness, strict=True):
            line["label_x"], line["dy"] = x, dy
        for band, y in zip(chart.bands, usual_bands, strict=True):
            band["label_y"] = y
        obstacles = chart_labels.Obstacles()
        chart_labels.add_series(obstacles, series)
        before = [obstacles.hits(caseness_box(line)) for line in chart.caseness]
        _place_labels(series, chart.bands, chart.caseness, [])
        after = [obstacles.hits(caseness_box(line)) for line in chart.caseness]
        assert all(a <= b for a, b in zip(after, before, strict=True))
        boxes = [caseness_box(line) for line in chart.caseness] + [
            band_box(band) for band in chart.bands
        ]
        for i, a in enumerate(boxes):
            assert a[0] >= LEFT and a[2] <= WIDTH - RIGHT
            for b in boxes[i + 1 :]:
                assert not chart_labels._overlaps(a, b)


def _plan_of(course):
    from cases.outcomes import plan_for

    return plan_for(course.adaptation)


def _empty_chart():
    from types import SimpleNamespace

    course = SimpleNamespace(planned_sessions=16)
    return build_chart(course, [], [])
