"""The score chart's SVG is drawn in Python (measures.chart_svg): byte for byte what the
template it replaced drew (kept beside this test as the reference), on many data sets."""

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from cases.outcomes import ADULT_PLAN, MEASURE_PLANS
from measures.chart_svg import score_chart_svg
from measures.charts import build_chart

REFERENCE = Template((Path(__file__).parent / "score_chart_svg_reference.html").read_text())
START = datetime.date(2026, 3, 2)


def _session(number):
    held = datetime.datetime(2026, 3, 2, 10, 0) + datetime.timedelta(weeks=number - 1)
    return SimpleNamespace(number=number, held_at=held, scheduled_for=held, pk=number)


def _response(code, total, session, band="Moderate"):
    return SimpleNamespace(
        instrument=code,
        total=total,
        band=band,
        completed_on=START + datetime.timedelta(weeks=max(session - 1, 0), days=session == 0),
        session_id=session or None,
        session=SimpleNamespace(number=session) if session else None,
    )


def _chart(scores, planned=16, sessions=16, events=(), plan=ADULT_PLAN):
    course = SimpleNamespace(planned_sessions=planned)
    attended = [_session(n) for n in range(1, sessions + 1)]
    responses = [_response(*score) for score in scores]
    return build_chart(course, responses, attended, events, plan=plan)


DATA_SETS = {
    "no scores": _chart([]),
    "one score": _chart([("phq9", 17, 1)]),
    "many": _chart([("phq9", 27 - 2 * n, n) for n in range(0, 13)]),
    "gaps": _chart([("phq9", 20, 0), ("phq9", 14, 5), ("phq9", 6, 12)], sessions=12),
    "both measures": _chart(
        [("phq9", 19, 0), ("gad7", 15, 0), ("phq9", 11, 6), ("gad7", 21, 8), ("phq9", 4, 16)]
    ),
    "long course with events": _chart(
        [("phq9", 12, n) for n in range(0, 30, 3)] + [("gad7", 5, 4)],
        planned=24,
        sessions=26,
        events=[
            (START + datetime.timedelta(days=9), "Row & <shouting>"),
            (START + datetime.timedelta(days=40), 'Started a new job in a "busy" office'),
        ],
    ),
    "another measure used": _chart([("epds", 14, 2), ("phq9", 9, 3), ("smfq", 10, 4)]),
    **{
        f"plan {name}": _chart(
            [(plan.depression, 10, 1)] + [(code, 7, 2) for code in plan.codes], plan=plan
        )
        for name, plan in MEASURE_PLANS.items()
    },
}


@pytest.mark.parametrize("name", list(DATA_SETS))
@pytest.mark.parametrize("chart_id", ["", "course-chart", 'odd"id'])
def test_it_draws_the_chart_as_the_template_did(name, chart_id):
    chart = DATA_SETS[name]
    expected = REFERENCE.render(Context({"chart": chart, "chart_id": chart_id}))
    assert score_chart_svg(chart, chart_id) == expected


def test_it_draws_every_part_in_the_data_sets():
    svg = "".join(score_chart_svg(chart) for chart in DATA_SETS.values())
    for part in ("<circle", 'width="8" height="8"', 'stroke-dasharray="3 3"', "caseness"):
        assert part in svg
    assert "Row &amp; &lt;shouting&gt;" in svg
