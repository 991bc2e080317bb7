from supervision.sparkline import sparkline


def test_it_draws_nothing_without_scores():
    assert sparkline([]) is None


def test_it_describes_the_trend_in_words():
    line = sparkline([18, 12, 9])
    assert line.text == "PHQ-9 18 → 9 (3 scores)"
    assert line.view_box == "0 0 64 20"
    assert len(line.points.split()) == 3


def test_higher_scores_sit_higher_on_a_fixed_scale():
    line = sparkline([27, 0])
    (x1, y1), (x2, y2) = (tuple(map(float, p.split(","))) for p in line.points.split())
    assert x1 < x2 and y1 < y2  # SVG y grows downwards
    assert y1 == 2 and y2 == 18  # the padding keeps the line inside the box
    assert (line.end_x, line.end_y) == ("62", "18")


def test_a_single_score_is_a_dot_in_the_middle():
    line = sparkline([14])
    assert line.text == "PHQ-9 14 (one score so far)"
    assert line.end_x == "32"


def test_out_of_range_scores_are_clamped():
    line = sparkline([40, -3])
    ys = [float(p.split(",")[1]) for p in line.points.split()]
    assert ys == [2, 18]
